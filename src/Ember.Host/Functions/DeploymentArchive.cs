using System.IO.Compression;

namespace Ember.Host.Functions;

/// <summary>
/// Unpacks a deployment package (a zip) within Lambda's limits, counting what is actually written
/// rather than what the zip declares: a 1 MB zip that inflates to 1 GB stops at 250 MB, with
/// Lambda's own message, and leaves nothing behind.
/// </summary>
internal static class DeploymentArchive
{
    /// <summary>Lambda's limit on a function's unzipped code (250 MB).</summary>
    public const long MaxUnzippedBytes = 262_144_000;

    /// <summary>
    /// Ember's limit on the files in one package. Lambda names none; this bounds what a hostile zip
    /// of empty files can cost the data directory's file system.
    /// </summary>
    public const int MaxEntries = 100_000;

    /// <summary>Lambda's answer to a package over <paramref name="maxBytes"/> unzipped.</summary>
    public static string TooLargeMessage(long maxBytes = MaxUnzippedBytes) => $"Unzipped size must be smaller than {maxBytes} bytes";

    /// <summary>
    /// Unpacks <paramref name="zip"/> into <paramref name="directory"/>, which must not exist yet;
    /// on any failure the directory is removed again. Throws <see cref="InvalidDataException"/> for
    /// a zip that is not one, breaks a limit, or names a path outside the directory.
    /// </summary>
    public static void Extract(Stream zip, string directory, long maxBytes = MaxUnzippedBytes)
    {
        try
        {
            Unpack(zip, directory, maxBytes);
        }
        catch
        {
            Folders.RemoveQuietly(directory);
            throw;
        }
    }

    private static void Unpack(Stream zip, string directory, long maxBytes)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        if (archive.Entries.Count > MaxEntries)
        {
            throw new InvalidDataException($"The package holds {archive.Entries.Count} files; Ember takes at most {MaxEntries}.");
        }
        // Declared sizes are checked first (an honest zip over the limit fails before a byte is
        // written), and every byte is counted while writing (a dishonest one fails at the limit).
        if (archive.Entries.Sum(e => e.Length) > maxBytes)
        {
            throw new InvalidDataException(TooLargeMessage(maxBytes));
        }
        var root = Path.GetFullPath(Directory.CreateDirectory(directory).FullName) + Path.DirectorySeparatorChar;
        var buffer = new byte[81920];
        long written = 0;
        foreach (var entry in archive.Entries)
        {
            var path = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!path.StartsWith(root, StringComparison.Ordinal) && path + Path.DirectorySeparatorChar != root)
            {
                throw new InvalidDataException($"The package names a path outside its own folder: '{entry.FullName}'.");
            }
            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                Directory.CreateDirectory(path);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var source = entry.Open())
            using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                int read;
                while ((read = source.Read(buffer)) > 0)
                {
                    written += read;
                    if (written > maxBytes)
                    {
                        throw new InvalidDataException(TooLargeMessage(maxBytes));
                    }
                    target.Write(buffer, 0, read);
                }
            }
            // The Unix permission bits the zip keeps (bootstrap's execute bit), as unzip restores them.
            var mode = (UnixFileMode)((entry.ExternalAttributes >> 16) & 0x1FF);
            if (mode != UnixFileMode.None)
            {
                File.SetUnixFileMode(path, mode);
            }
        }
    }
}
