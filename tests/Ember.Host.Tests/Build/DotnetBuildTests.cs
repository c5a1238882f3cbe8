using Ember.Tests.Shared;
using System.IO.Compression;
using Ember.Host.Build;

namespace Ember.Host.Tests.Build;

/// <summary>Real .NET builds of examples/hello-dotnet through the builder: each takes 10-40 s.</summary>
[Trait("Category", "Slow")]
public sealed class DotnetBuildTests
{
    [Fact]
    public async Task PackageAsync_HelloDotnetAot_ZipHasExecutableNativeBootstrapOnly()
    {
        // Given
        using var tree = new TempTree();
        var project = Path.Combine(RepositoryRoot.Find(), "examples", "hello-dotnet");
        var packager = new FunctionPackager(new FunctionBuilder(tree.Cache));
        var zipPath = Path.Combine(tree.Root, "hello.zip");

        // When
        var package = await packager.PackageAsync(project, "x86_64", "aot", zipPath, CancellationToken.None);

        // Then
        using var zip = ZipFile.OpenRead(zipPath);
        var bootstrap = Assert.Single(zip.Entries);
        Assert.Equal("bootstrap", bootstrap.FullName);
        Assert.Equal(0x81ED, (bootstrap.ExternalAttributes >> 16) & 0xFFFF);
        using var stream = bootstrap.Open();
        var magic = new byte[4];
        stream.ReadExactly(magic);
        Assert.Equal("\u007fELF"u8.ToArray(), magic);
        Assert.False(package.Build.FromCache);
    }

    [Fact]
    public async Task BuildAsync_DotnetJitFlavor_WritesBootstrapScriptBesideTheApp()
    {
        // Given
        using var tree = new TempTree();
        var project = Path.Combine(RepositoryRoot.Find(), "examples", "hello-dotnet");
        var request = new BuildRequest("HelloDotnetJit", project, "dotnet8", "provided.al2023", "x86_64",
            new Dictionary<string, string> { ["Flavor"] = "jit" });

        // When
        var result = await new FunctionBuilder(tree.Cache).BuildAsync(request, CancellationToken.None);

        // Then
        Assert.True(File.Exists(Path.Combine(result.ArtifactDir, "bootstrap.dll")));
        Assert.True(File.Exists(Path.Combine(result.ArtifactDir, "bootstrap.runtimeconfig.json")));
        Assert.Equal(FunctionBuilder.JitBootstrapScript("bootstrap.dll"), File.ReadAllText(Path.Combine(result.ArtifactDir, "bootstrap")));
    }

    [Fact]
    public async Task BuildAsync_ManagedRuntimeClassLibrary_PublishesItWithItsRuntimeConfig()
    {
        // Given: a class library, as a dotnet10 function's CodeUri holds one (no Metadata needed)
        using var tree = new TempTree();
        var project = Path.Combine(RepositoryRoot.Find(), "tests", "Ember.Host.Tests", "Fixtures", "ManagedHello");
        var request = new BuildRequest("ManagedHello", project, "dotnet10", "dotnet10", "x86_64", new Dictionary<string, string>());

        // When
        var result = await new FunctionBuilder(tree.Cache).BuildAsync(request, CancellationToken.None);

        // Then
        Assert.True(File.Exists(Path.Combine(result.ArtifactDir, "ManagedHello.dll")));
        Assert.True(File.Exists(Path.Combine(result.ArtifactDir, "ManagedHello.runtimeconfig.json")));
        Assert.True(File.Exists(Path.Combine(result.ArtifactDir, "Ember.Lambda.dll")));
        Assert.False(File.Exists(Path.Combine(result.ArtifactDir, "bootstrap")));
        Assert.Null(Ember.Host.Runtimes.StartCheck.Problem("dotnet10", "ManagedHello::ManagedHello.Functions::Echo", result.ArtifactDir));
    }
}
