namespace Ember.Tests.Shared;

/// <summary>A fresh directory under the system's temp folder, removed with everything in it on dispose.</summary>
internal sealed class TempDirectory(string prefix = "ember-test-") : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>
    /// A directory that functions may write in too (mode 1777, as /tmp): each environment runs as its
    /// own user, so handshake files between a test and its functions need one.
    /// </summary>
    public static TempDirectory SharedWithFunctions(string prefix = "ember-test-")
    {
        var directory = new TempDirectory(prefix);
        System.IO.File.SetUnixFileMode(directory.Path, (UnixFileMode)0b1_111_111_111);
        return directory;
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
