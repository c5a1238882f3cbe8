namespace Ember.Host.Tests.Functional;

/// <summary>
/// A host serving a template the fixture writes into a folder of its own at the first start (code copied from the
/// test's output, such as the fixture class libraries), removed with the fixture.
/// </summary>
public abstract class GeneratedTemplateHostFixture : HostFixture
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ember-generated-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Writes template.yaml and the code it names into <paramref name="root"/>.</summary>
    private protected abstract void WriteFunctions(string root);

    /// <summary>The host options beyond the template, from the shared defaults.</summary>
    private protected virtual HostOptions With(HostOptions options) => options;

    /// <summary>Copies files the test build put beside the test assembly into <paramref name="directory"/>.</summary>
    private protected static void CopyFromTestOutput(string directory, params string[] files)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in files)
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, file), Path.Combine(directory, file));
        }
    }

    private protected sealed override HostOptions Configure(HostOptions options)
    {
        if (!Directory.Exists(_root))
        {
            Directory.CreateDirectory(_root);
            WriteFunctions(_root);
        }
        return With(options with { TemplatePath = Path.Combine(_root, "template.yaml") });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
