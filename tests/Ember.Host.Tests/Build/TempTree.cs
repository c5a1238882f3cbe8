namespace Ember.Host.Tests.Build;

/// <summary>A temporary folder with a source tree and a cache, deleted on dispose.</summary>
internal sealed class TempTree : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("ember-build-");

    public string Source => Directory.CreateDirectory(Path.Combine(_root.FullName, "src")).FullName;

    public string Cache => Path.Combine(_root.FullName, "cache");

    public string Root => _root.FullName;

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Source, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => _root.Delete(recursive: true);
}
