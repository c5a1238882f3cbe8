namespace Ember.Tests.Shared;

/// <summary>A fresh directory under the system's temp folder, removed with everything in it on dispose.</summary>
internal sealed class TempDirectory(string prefix = "ember-test-") : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

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
