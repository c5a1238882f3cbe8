using Ember.Tests.Shared;
using Ember.Host.Build;

namespace Ember.Host.Tests.Build;

public sealed class FunctionBuilderTests
{
    // A makefile function builds in milliseconds and needs no compiler, which keeps these tests fast.
    private const string Makefile = "build-Hello:\n\tcp handler.sh $(ARTIFACTS_DIR)/bootstrap\n\tchmod +x $(ARTIFACTS_DIR)/bootstrap\n";

    private static readonly IReadOnlyDictionary<string, string> NoProperties = new Dictionary<string, string>();

    private static BuildRequest Request(string source, string method = "makefile", string arch = "x86_64", string name = "Hello", IReadOnlyDictionary<string, string>? properties = null) =>
        new(name, source, method, "provided.al2023", arch, properties ?? NoProperties);

    [Fact]
    public async Task BuildAsync_Makefile_RunsBuildTargetWithArtifactsDir()
    {
        // Given
        using var tree = new TempTree();
        tree.Write("Makefile", Makefile);
        tree.Write("handler.sh", "#!/bin/sh\necho v1\n");

        // When
        var result = await new FunctionBuilder(tree.Cache).BuildAsync(Request(tree.Source), CancellationToken.None);

        // Then
        Assert.False(result.FromCache);
        Assert.Equal("#!/bin/sh\necho v1\n", File.ReadAllText(Path.Combine(result.ArtifactDir, "bootstrap")));
        Assert.StartsWith(tree.Cache, result.ArtifactDir);
    }

    [Fact]
    public async Task BuildAsync_UnchangedSources_ReturnsCachedBuild()
    {
        // Given
        using var tree = new TempTree();
        tree.Write("Makefile", Makefile);
        tree.Write("handler.sh", "#!/bin/sh\necho v1\n");
        var builder = new FunctionBuilder(tree.Cache);
        var first = await builder.BuildAsync(Request(tree.Source), CancellationToken.None);

        // When: a new builder over the same cache, as after a host restart
        var second = await new FunctionBuilder(tree.Cache).BuildAsync(Request(tree.Source), CancellationToken.None);

        // Then
        Assert.True(second.FromCache);
        Assert.Equal(first.ArtifactDir, second.ArtifactDir);
    }

    [Fact]
    public async Task BuildAsync_SourceChanged_RebuildsAndDropsOldBuild()
    {
        // Given
        using var tree = new TempTree();
        tree.Write("Makefile", Makefile);
        tree.Write("handler.sh", "#!/bin/sh\necho v1\n");
        var builder = new FunctionBuilder(tree.Cache);
        var first = await builder.BuildAsync(Request(tree.Source), CancellationToken.None);

        // When
        tree.Write("handler.sh", "#!/bin/sh\necho v2\n");
        var second = await builder.BuildAsync(Request(tree.Source), CancellationToken.None);

        // Then
        Assert.False(second.FromCache);
        Assert.NotEqual(first.ArtifactDir, second.ArtifactDir);
        Assert.Equal("#!/bin/sh\necho v2\n", File.ReadAllText(Path.Combine(second.ArtifactDir, "bootstrap")));
        Assert.False(Directory.Exists(first.ArtifactDir));
    }

    [Fact]
    public async Task BuildAsync_OutputFoldersChanged_StillFromCache()
    {
        // Given
        using var tree = new TempTree();
        tree.Write("Makefile", Makefile);
        tree.Write("handler.sh", "#!/bin/sh\n");
        var builder = new FunctionBuilder(tree.Cache);
        await builder.BuildAsync(Request(tree.Source), CancellationToken.None);

        // When: bin/ and obj/ are outputs, not sources
        tree.Write("bin/Release/x.dll", "binary");
        tree.Write("obj/project.assets.json", "{}");
        var second = await builder.BuildAsync(Request(tree.Source), CancellationToken.None);

        // Then
        Assert.True(second.FromCache);
    }

    [Fact]
    public async Task BuildAsync_OtherArchitecture_IsADifferentCacheEntry()
    {
        // Given
        using var tree = new TempTree();
        tree.Write("Makefile", Makefile);
        tree.Write("handler.sh", "#!/bin/sh\n");
        var builder = new FunctionBuilder(tree.Cache);
        await builder.BuildAsync(Request(tree.Source), CancellationToken.None);

        // When
        var arm = await builder.BuildAsync(Request(tree.Source, arch: "arm64"), CancellationToken.None);

        // Then
        Assert.False(arm.FromCache);
    }

    [Fact]
    public async Task BuildAsync_GoNotOnPath_ThrowsBuildExceptionNamingFunctionAndTool()
    {
        // Given: a PATH with no go on it
        using var tree = new TempTree();
        tree.Write("main.go", "package main\nfunc main() {}\n");
        var builder = new FunctionBuilder(tree.Cache, searchPath: Path.Combine(tree.Root, "empty-bin"));

        // When
        var error = await Assert.ThrowsAsync<BuildException>(() => builder.BuildAsync(Request(tree.Source, "go1.x", name: "HelloGo"), CancellationToken.None));

        // Then
        Assert.Equal("HelloGo", error.FunctionName);
        Assert.Contains("Function 'HelloGo': BuildMethod go1.x needs 'go', which is not on PATH.", error.Message);
    }

    [Fact]
    public async Task BuildAsync_UnknownMethod_ThrowsListingSupportedMethods()
    {
        // Given
        using var tree = new TempTree();

        // When
        var error = await Assert.ThrowsAsync<BuildException>(() => new FunctionBuilder(tree.Cache).BuildAsync(Request(tree.Source, "rust-cargolambda"), CancellationToken.None));

        // Then
        Assert.Equal("Function 'Hello': unknown Metadata BuildMethod 'rust-cargolambda'. Use one of: go1.x, dotnet8 (any dotnet…), makefile.", error.Message);
    }

    [Fact]
    public async Task BuildAsync_UnknownArchitecture_Throws()
    {
        // Given
        using var tree = new TempTree();

        // When
        var error = await Assert.ThrowsAsync<BuildException>(() => new FunctionBuilder(tree.Cache).BuildAsync(Request(tree.Source, arch: "riscv64"), CancellationToken.None));

        // Then
        Assert.Contains("unknown architecture 'riscv64'", error.Message);
    }

    [Fact]
    public async Task BuildAsync_UnknownDotnetFlavor_Throws()
    {
        // Given
        using var tree = new TempTree();
        tree.Write("f.csproj", "<Project />");
        var properties = new Dictionary<string, string> { ["Flavor"] = "interpreted" };

        // When
        var error = await Assert.ThrowsAsync<BuildException>(() => new FunctionBuilder(tree.Cache).BuildAsync(Request(tree.Source, "dotnet8", properties: properties), CancellationToken.None));

        // Then
        Assert.Contains("unknown BuildProperties Flavor 'interpreted'", error.Message);
    }

    [Fact]
    public async Task BuildAsync_ToolFails_ExceptionHasCommandExitCodeAndOutputTail()
    {
        // Given
        using var tree = new TempTree();
        tree.Write("Makefile", "build-Hello:\n\t@echo compiling handler\n\t@echo 'handler.c:3: syntax error' >&2\n\t@exit 3\n");

        // When
        var error = await Assert.ThrowsAsync<BuildException>(() => new FunctionBuilder(tree.Cache).BuildAsync(Request(tree.Source), CancellationToken.None));

        // Then
        Assert.StartsWith("Function 'Hello': `make build-Hello` failed with exit code 2. Last output:", error.Message);
        Assert.Contains("handler.c:3: syntax error", error.Message);
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(tree.Cache, "Hello")));
    }

    [Fact]
    public async Task BuildAsync_MissingSourceDir_Throws()
    {
        // Given
        using var tree = new TempTree();

        // When
        var error = await Assert.ThrowsAsync<BuildException>(() => new FunctionBuilder(tree.Cache).BuildAsync(Request(Path.Combine(tree.Root, "nope")), CancellationToken.None));

        // Then
        Assert.Contains("does not exist. Check its CodeUri.", error.Message);
    }

    [Fact]
    public async Task BuildAsync_ReferencedProjectChanged_Rebuilds()
    {
        // Given: a function project referencing a library outside its folder
        using var tree = new TempTree();
        tree.Write("fn/Makefile", "build-Hello:\n\ttouch $(ARTIFACTS_DIR)/bootstrap\n");
        tree.Write("fn/fn.csproj", """<Project><ItemGroup><ProjectReference Include="../lib/lib.csproj" /></ItemGroup></Project>""");
        tree.Write("lib/lib.csproj", "<Project />");
        tree.Write("lib/Code.cs", "// v1");
        var builder = new FunctionBuilder(tree.Cache);
        var source = Path.Combine(tree.Source, "fn");
        await builder.BuildAsync(Request(source), CancellationToken.None);

        // When
        tree.Write("lib/Code.cs", "// v2");
        var second = await builder.BuildAsync(Request(source), CancellationToken.None);

        // Then
        Assert.False(second.FromCache);
    }

    [SkippableFact]
    public async Task BuildAsync_DotnetAotForOtherArchitectureWithoutCrossToolchain_SaysItCannot()
    {
        // Given
        using var tree = new TempTree();
        tree.Write("f.csproj", "<Project />");
        var other = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "x86_64" : "arm64";
        var crossToolchain = other == "arm64" ? "/usr/aarch64-linux-gnu" : "/usr/x86_64-linux-gnu";
        Requires.Machine(Directory.Exists(crossToolchain) ? $"a cross toolchain is installed here ({crossToolchain}), so the build would be attempted" : null);

        // When
        var error = await Assert.ThrowsAsync<BuildException>(() => new FunctionBuilder(tree.Cache).BuildAsync(Request(tree.Source, "dotnet8", arch: other), CancellationToken.None));

        // Then
        Assert.Contains($"cannot build a Native AOT {other} executable", error.Message);
    }

    [Fact]
    public async Task BuildAsync_GoExample_ProducesStaticBootstrapOrClearError()
    {
        // Given
        using var tree = new TempTree();
        var source = Path.Combine(RepositoryRoot.Find(), "examples", "hello-go");
        var builder = new FunctionBuilder(tree.Cache);
        var request = Request(source, "go1.x", name: "HelloGo");

        // When / Then: with Go installed the bootstrap is an ELF executable; without, the error says so
        if (Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, "go"))))
        {
            var result = await builder.BuildAsync(request, CancellationToken.None);
            var bootstrap = Path.Combine(result.ArtifactDir, "bootstrap");
            Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(bootstrap).Take(4).ToArray());
            Assert.True(OperatingSystem.IsWindows() || (File.GetUnixFileMode(bootstrap) & UnixFileMode.UserExecute) != 0);
            Assert.True((await builder.BuildAsync(request, CancellationToken.None)).FromCache);
        }
        else
        {
            var error = await Assert.ThrowsAsync<BuildException>(() => builder.BuildAsync(request, CancellationToken.None));
            Assert.Contains("needs 'go'", error.Message);
        }
    }
}
