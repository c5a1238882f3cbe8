namespace Ember.Host.Build;

/// <summary>
/// Makes the Lambda deployment zip of a .NET function project: a Native AOT (or JIT-flavour)
/// build through <see cref="FunctionBuilder"/>, then <c>bootstrap</c> and its files at the zip's root.
/// </summary>
internal sealed class FunctionPackager
{
    private static readonly HashSet<string> NotPackaged = new(StringComparer.Ordinal) { ".ember-build-complete" };
    private readonly FunctionBuilder _builder;

    public FunctionPackager(FunctionBuilder builder)
    {
        _builder = builder;
    }

    public async Task<PackageResult> PackageAsync(string projectDir, string architecture, string flavor, string zipPath, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(zipPath);
        var fullDir = Path.GetFullPath(projectDir);
        var request = new BuildRequest(
            Path.GetFileName(fullDir.TrimEnd(Path.DirectorySeparatorChar)),
            fullDir,
            BuildMethod: "dotnet8",
            Runtime: "provided.al2023",
            architecture,
            new Dictionary<string, string> { [BuildConventions.FlavorProperty] = flavor });
        var build = await _builder.BuildAsync(request, ct).ConfigureAwait(false);
        var bytes = DeploymentZip.Write(build.ArtifactDir, zipPath, NotPackaged);
        var bootstrap = new FileInfo(Path.Combine(build.ArtifactDir, BuildConventions.BootstrapFile)).Length;
        return new PackageResult(Path.GetFullPath(zipPath), bytes, bootstrap, build);
    }
}
