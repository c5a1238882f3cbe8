namespace Ember.Tests.Shared;

/// <summary>A fresh directory under the system's temp folder, removed with everything in it on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "ember-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    private TempDirectory(string path, bool _) => Path = path;

    public string Path { get; }

    /// <summary>
    /// A directory that functions may write in too (mode 1777), for handshake files between a test
    /// and its functions. Not under /tmp: an environment that runs as its own user has its own /tmp
    /// and does not see the machine's, as on Lambda. It lives in /var/tmp (not beside the test
    /// assembly, which may itself be under /tmp).
    /// </summary>
    public static TempDirectory SharedWithFunctions(string prefix = "ember-test-")
    {
        var path = System.IO.Path.Combine("/var/tmp", prefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        System.IO.File.SetUnixFileMode(path, UnixFileMode.StickyBit | (UnixFileMode)0b111_111_111);
        return new TempDirectory(path, true);
    }

    /// <summary>A path inside the directory (nothing is created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
