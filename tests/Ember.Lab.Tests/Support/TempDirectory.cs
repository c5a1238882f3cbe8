namespace Ember.Lab.Tests.Support;

/// <summary>A folder under the system temp path, removed on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ember-lab-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A left-over temp folder is not worth failing a test over.
        }
    }
}
