using System.IO.Compression;

namespace Ember.Host.Build;

/// <summary>
/// Writes a Lambda deployment package: the artifact folder's files at the root of a zip, with Unix
/// permissions in each entry's external attributes so <c>bootstrap</c> stays executable.
/// </summary>
internal static class DeploymentZip
{
    // Fixed so the same build gives a byte-identical zip (and the same CodeSha256 on Lambda).
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int RegularFile = 0x8000; // S_IFREG
    private const int Executable = 0x1ED;   // 0755
    private const int Readable = 0x1A4;     // 0644

    public static long Write(string artifactDir, string zipPath, IReadOnlySet<string> skip)
    {
        var fullZip = Path.GetFullPath(zipPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullZip)!);
        var temp = fullZip + ".tmp";
        using (var stream = File.Create(temp))
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            var files = Directory.EnumerateFiles(artifactDir, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(artifactDir, f).Replace('\\', '/'))
                .Where(f => !skip.Contains(f))
                .Order(StringComparer.Ordinal);
            foreach (var name in files)
            {
                var source = Path.Combine(artifactDir, name);
                var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize);
                entry.LastWriteTime = EntryTime;
                entry.ExternalAttributes = unchecked((RegularFile | (IsExecutable(name, source) ? Executable : Readable)) << 16);
                using var input = File.OpenRead(source);
                using var output = entry.Open();
                input.CopyTo(output);
            }
        }

        File.Move(temp, fullZip, overwrite: true);
        return new FileInfo(fullZip).Length;
    }

    private static bool IsExecutable(string name, string path)
    {
        if (name == BuildConventions.BootstrapFile)
        {
            return true;
        }

        return !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
    }
}
