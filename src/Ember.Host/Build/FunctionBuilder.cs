using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Ember.Host.Build;

/// <summary>
/// Builds template functions whose CodeUri is source, following SAM's <c>Metadata: BuildMethod</c>
/// convention, and caches the result by a hash of the sources, method and architecture.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>go1.x</c>: <c>go build</c> to a static <c>bootstrap</c> (CGO_ENABLED=0, GOOS=linux, GOARCH from the architecture).</item>
/// <item><c>dotnet…</c>: <c>dotnet publish</c> with Native AOT to <c>bootstrap</c>; with BuildProperties <c>Flavor: jit</c>,
/// a framework-dependent publish plus a <c>bootstrap</c> script that runs <c>dotnet app.dll</c>.</item>
/// <item><c>makefile</c>: <c>make build-{FunctionName}</c> with ARTIFACTS_DIR set, as <c>sam build</c> does.</item>
/// </list>
/// </remarks>
internal sealed class FunctionBuilder
{
    private const string CompleteMarker = ".ember-build-complete";

    // One build at a time: a Native AOT publish uses both cores of a small machine, and two at once
    // take longer than one after the other.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly string _cacheRoot;
    private readonly BuildTool _tools;

    /// <summary>Creates a builder that keeps its results under <paramref name="cacheRoot"/>.</summary>
    public FunctionBuilder(string cacheRoot)
        : this(cacheRoot, Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
    {
    }

    /// <summary>For tests: search <paramref name="searchPath"/> instead of the process PATH.</summary>
    internal FunctionBuilder(string cacheRoot, string searchPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheRoot);
        _cacheRoot = Path.GetFullPath(cacheRoot);
        _tools = new BuildTool(searchPath);
    }

    /// <summary>Builds the function, or returns the cached build of the same sources.</summary>
    public async Task<BuildResult> BuildAsync(BuildRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.FunctionName);
        var stopwatch = Stopwatch.StartNew();
        var plan = Plan(request);

        await _oneAtATime.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var key = SourceFingerprint.Compute(request);
            var functionCache = Path.Combine(_cacheRoot, Sanitize(request.FunctionName));
            var artifactDir = Path.Combine(functionCache, key);
            if (File.Exists(Path.Combine(artifactDir, CompleteMarker)))
            {
                return new BuildResult(artifactDir, FromCache: true, stopwatch.Elapsed);
            }

            var staging = Path.Combine(functionCache, $"{key}.building-{Environment.ProcessId}");
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            Directory.CreateDirectory(staging);
            try
            {
                await plan(staging, ct).ConfigureAwait(false);
                await File.WriteAllTextAsync(Path.Combine(staging, CompleteMarker), key, ct).ConfigureAwait(false);
                RemoveOlderBuilds(functionCache, keep: key);
                Directory.Move(staging, artifactDir);
            }
            catch
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }

                throw;
            }

            return new BuildResult(artifactDir, FromCache: false, stopwatch.Elapsed);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Checks the request and returns the build steps; every check happens before anything runs.</summary>
    private Func<string, CancellationToken, Task> Plan(BuildRequest request)
    {
        var function = request.FunctionName;
        if (!Directory.Exists(request.SourceDir))
        {
            throw BuildException.MissingSource(function, request.SourceDir);
        }

        var arch = request.Architecture switch
        {
            BuildConventions.ArchitectureX64 => Architecture.X64,
            BuildConventions.ArchitectureArm64 => Architecture.Arm64,
            _ => throw BuildException.UnknownArchitecture(function, request.Architecture),
        };
        var method = request.BuildMethod.Trim().ToLowerInvariant();
        if (method == BuildConventions.GoMethod)
        {
            var go = _tools.Find("go") ?? throw BuildException.MissingToolchain(function, "go", request.BuildMethod, "Install Go (for example `apt-get install golang-go`).");
            return (output, ct) => BuildGoAsync(request, go, arch, output, ct);
        }

        if (method.StartsWith(BuildConventions.DotnetMethodPrefix, StringComparison.Ordinal))
        {
            var dotnet = _tools.Find("dotnet") ?? throw BuildException.MissingToolchain(function, "dotnet", request.BuildMethod, "Install the .NET SDK.");
            var flavor = request.BuildProperties.FirstOrDefault(p => string.Equals(p.Key, BuildConventions.FlavorProperty, StringComparison.OrdinalIgnoreCase)).Value?.Trim().ToLowerInvariant()
                ?? BuildConventions.FlavorAot;
            if (flavor is not (BuildConventions.FlavorAot or BuildConventions.FlavorJit))
            {
                throw BuildException.UnknownFlavor(function, flavor);
            }

            var project = FindProject(request);
            if (Templates.RuntimeNames.IsDotnet(request.Runtime))
            {
                // The managed runtime runs the class library (or executable assembly) itself: no bootstrap, no AOT.
                return (output, ct) => PublishManagedAsync(request, dotnet, project, arch, output, ct);
            }
            if (flavor == BuildConventions.FlavorAot)
            {
                CheckCrossCompile(function, request.Architecture, arch);
                return (output, ct) => PublishAotAsync(request, dotnet, project, arch, output, ct);
            }

            return (output, ct) => PublishJitAsync(request, dotnet, project, arch, output, ct);
        }

        if (method == BuildConventions.MakefileMethod)
        {
            var make = _tools.Find("make") ?? throw BuildException.MissingToolchain(function, "make", request.BuildMethod, "Install make (`apt-get install make`).");
            return (output, ct) => _tools.RunAsync(function, make, [$"build-{function}"], request.SourceDir,
                new Dictionary<string, string> { [BuildConventions.ArtifactsDirVariable] = output }, ct);
        }

        throw BuildException.UnknownMethod(function, request.BuildMethod);
    }

    private async Task BuildGoAsync(BuildRequest request, string go, Architecture arch, string output, CancellationToken ct)
    {
        var environment = new Dictionary<string, string>
        {
            ["CGO_ENABLED"] = "0",
            ["GOOS"] = "linux",
            // Go calls arm64 as Lambda does, and x86_64 amd64.
            ["GOARCH"] = arch == Architecture.Arm64 ? Wire.ControlPlaneValues.ArchitectureArm : "amd64",
        };
        var bootstrap = Path.Combine(output, BuildConventions.BootstrapFile);
        await _tools.RunAsync(request.FunctionName, go, ["build", "-trimpath", "-ldflags", "-s -w", "-o", bootstrap, "."], request.SourceDir, environment, ct).ConfigureAwait(false);
        RequireFile(request.FunctionName, "go build", bootstrap);
    }

    private async Task PublishAotAsync(BuildRequest request, string dotnet, string project, Architecture arch, string output, CancellationToken ct)
    {
        var publish = output + ".publish";
        try
        {
            await _tools.RunAsync(request.FunctionName, dotnet,
                ["publish", project, "-c", "Release", "-r", Rid(arch), "-p:PublishAot=true", "-p:StripSymbols=true", "--artifacts-path", publish + ".obj", "-o", publish, "-nologo"],
                request.SourceDir, DotnetEnvironment, ct).ConfigureAwait(false);

            // The executable is named after the project's AssemblyName; Lambda wants it called bootstrap.
            var executable = Directory.EnumerateFiles(publish)
                .Where(f => Path.GetExtension(f).Length == 0 || Path.GetFileName(f) == BuildConventions.BootstrapFile)
                .OrderByDescending(f => Path.GetFileName(f) == BuildConventions.BootstrapFile)
                .FirstOrDefault() ?? throw BuildException.NoOutput(request.FunctionName, "dotnet publish", "Native AOT executable");
            File.Copy(executable, Path.Combine(output, BuildConventions.BootstrapFile));
            foreach (var native in Directory.EnumerateFiles(publish, "*.so"))
            {
                File.Copy(native, Path.Combine(output, Path.GetFileName(native)));
            }
        }
        finally
        {
            DeleteIfExists(publish);
            DeleteIfExists(publish + ".obj");
        }
    }

    private async Task PublishJitAsync(BuildRequest request, string dotnet, string project, Architecture arch, string output, CancellationToken ct)
    {
        var obj = output + ".obj";
        try
        {
            await _tools.RunAsync(request.FunctionName, dotnet,
                ["publish", project, "-c", "Release", "-r", Rid(arch), "--self-contained", "false", "-p:PublishAot=false", "-p:UseAppHost=false",
                 "-p:GenerateDocumentationFile=false", "--artifacts-path", obj, "-o", output, "-nologo"],
                request.SourceDir, DotnetEnvironment, ct).ConfigureAwait(false);
        }
        finally
        {
            DeleteIfExists(obj);
        }

        var runtimeConfig = Directory.EnumerateFiles(output, "*.runtimeconfig.json").FirstOrDefault()
            ?? throw BuildException.NoOutput(request.FunctionName, "dotnet publish", "*.runtimeconfig.json (is the project an Exe?)");
        var app = Path.GetFileName(runtimeConfig)[..^".runtimeconfig.json".Length] + ".dll";
        var bootstrap = Path.Combine(output, BuildConventions.BootstrapFile);
        await File.WriteAllTextAsync(bootstrap, JitBootstrapScript(app), ct).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bootstrap, (UnixFileMode)0b111_101_101);
        }
    }

    /// <summary>
    /// For the managed runtimes (dotnet8, dotnet10), as `dotnet lambda package` publishes: framework-dependent for
    /// linux, with a runtimeconfig.json even for a class library (the runtime runs the function under it).
    /// </summary>
    private async Task PublishManagedAsync(BuildRequest request, string dotnet, string project, Architecture arch, string output, CancellationToken ct)
    {
        var obj = output + ".obj";
        try
        {
            await _tools.RunAsync(request.FunctionName, dotnet,
                ["publish", project, "-c", "Release", "-r", Rid(arch), "--self-contained", "false", "-p:PublishAot=false",
                 "-p:GenerateRuntimeConfigurationFiles=true", "-p:GenerateDocumentationFile=false", "--artifacts-path", obj, "-o", output, "-nologo"],
                request.SourceDir, DotnetEnvironment, ct).ConfigureAwait(false);
        }
        finally
        {
            DeleteIfExists(obj);
        }
    }

    /// <summary>The bootstrap of the JIT flavour: the .NET runtime must be on the machine (Ember's host has it).</summary>
    internal static string JitBootstrapScript(string app) =>
        $$"""
        #!/bin/sh
        # Framework-dependent .NET function (Ember BuildProperties Flavor: jit): start it on the JIT runtime.
        # The .NET runtime must be installed where this runs (on AWS Lambda: a layer or DOTNET_ROOT).
        dir=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
        exec "${DOTNET_HOST_PATH:-dotnet}" "$dir/{{app}}" "$@"

        """;

    private static readonly IReadOnlyDictionary<string, string> DotnetEnvironment = new Dictionary<string, string>
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
    };

    private static string Rid(Architecture arch) => arch == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    private static void CheckCrossCompile(string function, string architecture, Architecture target)
    {
        var host = RuntimeInformation.OSArchitecture;
        if (host == target)
        {
            return;
        }

        if (target == Architecture.Arm64 && !Directory.Exists("/usr/aarch64-linux-gnu"))
        {
            throw BuildException.CrossArchitectureUnsupported(function, architecture,
                "Native AOT links with the target's linker and C runtime, and no aarch64 cross toolchain is installed (/usr/aarch64-linux-gnu is missing; `apt-get install gcc-aarch64-linux-gnu` provides one).");
        }

        if (target == Architecture.X64 && !Directory.Exists("/usr/x86_64-linux-gnu"))
        {
            throw BuildException.CrossArchitectureUnsupported(function, architecture,
                "Native AOT links with the target's linker and C runtime, and no x86_64 cross toolchain is installed (/usr/x86_64-linux-gnu is missing).");
        }
    }

    private static string FindProject(BuildRequest request)
    {
        var named = request.BuildProperties.FirstOrDefault(p => string.Equals(p.Key, BuildConventions.ProjectProperty, StringComparison.OrdinalIgnoreCase)).Value;
        if (!string.IsNullOrWhiteSpace(named))
        {
            var path = Path.GetFullPath(Path.Combine(request.SourceDir, named));
            return File.Exists(path) ? path : throw BuildException.NoProject(request.FunctionName, request.SourceDir, 0);
        }

        var projects = Directory.GetFiles(request.SourceDir, "*.csproj");
        return projects.Length == 1 ? projects[0] : throw BuildException.NoProject(request.FunctionName, request.SourceDir, projects.Length);
    }

    private static void RequireFile(string function, string command, string path)
    {
        if (!File.Exists(path))
        {
            throw BuildException.NoOutput(function, command, Path.GetFileName(path));
        }
    }

    private static void RemoveOlderBuilds(string functionCache, string keep)
    {
        foreach (var dir in Directory.EnumerateDirectories(functionCache))
        {
            var name = Path.GetFileName(dir);
            if (name != keep && !name.Contains(".building-", StringComparison.Ordinal))
            {
                DeleteIfExists(dir);
            }
        }
    }

    private static void DeleteIfExists(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Sanitize(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
