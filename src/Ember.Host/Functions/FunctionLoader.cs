using System.Security.Cryptography;
using System.Text;
using Ember.Host.Build;
using Ember.Host.Runtimes;
using Ember.Host.Templates;

namespace Ember.Host.Functions;

/// <summary>
/// Turns template functions into runnable configurations: unpacks zips, builds source where the
/// template asks for a build, and checks that each can start (a bootstrap that exists and is
/// executable, a Python handler module that exists). Every problem is reported at once.
/// </summary>
internal sealed class FunctionLoader
{
    private readonly string _dataDirectory;
    private readonly RuntimeLaunchers _launchers;
    private readonly Action<string> _output;
    private readonly FunctionBuilder _builder;

    /// <param name="buildCache">Where builds are kept; beside the template, as sam build keeps .aws-sam/build, so every host reuses them.</param>
    public FunctionLoader(string dataDirectory, string buildCache, RuntimeLaunchers launchers, Action<string> output)
    {
        _dataDirectory = dataDirectory;
        _launchers = launchers;
        _output = output;
        _builder = new FunctionBuilder(buildCache);
    }

    public async Task<IReadOnlyList<FunctionConfiguration>> LoadAsync(string templatePath, IReadOnlyList<TemplateFunction> functions, CancellationToken cancellationToken)
    {
        var problems = new List<TemplateProblem>();
        var configurations = new List<FunctionConfiguration>();
        var pythonWarned = false;
        foreach (var function in functions)
        {
            var codeDirectory = await PrepareCodeAsync(function, problems, cancellationToken).ConfigureAwait(false);
            if (codeDirectory is null)
            {
                continue;
            }
            if (StartCheck.Problem(function.Runtime, function.Handler, codeDirectory) is { } problem)
            {
                problems.Add(new(function.LogicalId, problem));
                continue;
            }
            if (_launchers.WhyNot(function.Runtime) is { } unavailable)
            {
                problems.Add(new(function.LogicalId, unavailable));
                continue;
            }
            if (RuntimeNames.IsPython(function.Runtime) && !pythonWarned)
            {
                pythonWarned = true;
                var python = _launchers.Python;
                if (python is null && _launchers.Pythons.Usable.Count == 0)
                {
                    _output($"warning: python3 was not found on PATH; Python functions will fail to start until it is installed.");
                }
                else if (functions.Where(f => RuntimeNames.IsPython(f.Runtime) && _launchers.Pythons.For(f.Runtime) is null).Select(f => f.Runtime).Distinct().ToList() is { Count: > 0 } substituted)
                {
                    _output($"note: --python-compat: {string.Join(", ", substituted)} function(s) run on this machine's python {python?.Version} ({python?.Executable}), as INIT_START says.");
                }
            }
            var package = Package(File.Exists(function.CodePath) ? function.CodePath : codeDirectory);
            configurations.Add(new FunctionConfiguration
            {
                Name = function.Name,
                Runtime = function.Runtime,
                Handler = function.Handler,
                CodeDirectory = codeDirectory,
                MemoryMb = function.MemoryMb,
                TimeoutSeconds = function.TimeoutSeconds,
                Architecture = function.Architecture,
                Environment = function.Environment,
                ReservedConcurrency = function.ReservedConcurrency,
                EventInvokeConfig = function.EventInvokeConfig,
                Logging = function.Logging,
                UrlAuthType = function.UrlAuthType,
                UrlInvokeMode = function.UrlInvokeMode,
                CodeSizeBytes = package.Size,
                CodeSha256 = package.Sha256,
                Role = function.Role ?? "",
                Policy = function.Policy,
            });
        }
        if (problems.Count > 0)
        {
            throw TemplateException.Invalid(templatePath, problems);
        }
        return configurations;
    }

    /// <summary>
    /// What <see cref="LoadAsync"/> would find wrong with <paramref name="functions"/> short of building them: a handler
    /// its code does not have, a runtime this machine cannot run. For a template that has other problems, so that one
    /// start reports them all.
    /// </summary>
    public IReadOnlyList<TemplateProblem> CheckWithoutBuilding(IReadOnlyList<TemplateFunction> functions)
    {
        var problems = new List<TemplateProblem>();
        foreach (var function in functions)
        {
            if (BuildMethodOf(function) is null && Directory.Exists(function.CodePath) && StartCheck.Problem(function.Runtime, function.Handler, function.CodePath) is { } problem)
            {
                problems.Add(new(function.LogicalId, problem));
            }
            else if (_launchers.WhyNot(function.Runtime) is { } unavailable)
            {
                problems.Add(new(function.LogicalId, unavailable));
            }
        }
        return problems;
    }

    private async Task<string?> PrepareCodeAsync(TemplateFunction function, List<TemplateProblem> problems, CancellationToken cancellationToken)
    {
        if (BuildMethodOf(function) is { } buildMethod)
        {
            return await BuildAsync(function, buildMethod, problems, cancellationToken).ConfigureAwait(false);
        }
        if (Directory.Exists(function.CodePath))
        {
            return function.CodePath;
        }
        return Unzip(function, problems);
    }

    /// <summary>
    /// How the function's code is built, or null when it is ready to run: its Metadata.BuildMethod, else, as `sam build`
    /// does for the managed .NET runtimes, the runtime itself when its CodeUri holds a project.
    /// </summary>
    private static string? BuildMethodOf(TemplateFunction function) =>
        function.BuildMethod
        ?? (RuntimeNames.IsDotnet(function.Runtime) && Directory.Exists(function.CodePath) && Directory.EnumerateFiles(function.CodePath, "*.csproj").Any()
            ? function.Runtime
            : null);

    private async Task<string?> BuildAsync(TemplateFunction function, string buildMethod, List<TemplateProblem> problems, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(function.CodePath))
        {
            problems.Add(new(function.LogicalId, $"Metadata.BuildMethod asks for a build, so CodeUri must be a source folder; {function.CodePath} is not one."));
            return null;
        }
        try
        {
            _output($"building {function.Name} ({buildMethod})...");
            var result = await _builder.BuildAsync(new BuildRequest(function.LogicalId, function.CodePath, buildMethod,
                function.Runtime, function.Architecture, function.BuildProperties), cancellationToken).ConfigureAwait(false);
            _output(result.FromCache
                ? $"built {function.Name}: unchanged sources, cached build reused"
                : $"built {function.Name} in {result.Elapsed.TotalSeconds:F1} s");
            return result.ArtifactDir;
        }
        catch (BuildException e)
        {
            problems.Add(new(function.LogicalId, e.Message));
            return null;
        }
    }

    private string? Unzip(TemplateFunction function, List<TemplateProblem> problems)
    {
        try
        {
            string hash;
            using (var file = File.OpenRead(function.CodePath))
            {
                hash = Convert.ToHexStringLower(SHA256.HashData(file))[..16];
            }
            var target = Path.Combine(_dataDirectory, "code", function.Name, hash);
            if (!Directory.Exists(target))
            {
                var staging = target + ".partial";
                Folders.RemoveQuietly(staging);
                using (var zip = File.OpenRead(function.CodePath))
                {
                    DeploymentArchive.Extract(zip, staging);
                }
                Directory.Move(staging, target);
            }
            return target;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            problems.Add(new(function.LogicalId, $"CodeUri {function.CodePath} is not a readable zip: {e.Message}"));
            return null;
        }
    }

    /// <summary>
    /// The package's size and base64 SHA-256, as Lambda reports CodeSize and CodeSha256, in one read:
    /// of the zip file itself, or for a folder (which SAM would zip first) of its files, the hash over
    /// their relative paths and contents in path order, so the same sources always give the same hash.
    /// Nothing to measure gives (0, "").
    /// </summary>
    private static (long Size, string Sha256) Package(string path)
    {
        if (File.Exists(path))
        {
            using var zip = File.OpenRead(path);
            return (zip.Length, Convert.ToBase64String(SHA256.HashData(zip)));
        }
        if (!Directory.Exists(path))
        {
            return (0, "");
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        foreach (var (relative, file) in PackageFiles(path).Select(f => (Path.GetRelativePath(path, f.FullName), f)).OrderBy(f => f.Item1, StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file.FullName);
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0"));
            hash.AppendData(bytes);
            size += bytes.Length;
        }
        return (size, Convert.ToBase64String(hash.GetHashAndReset()));
    }

    /// <summary>The files of a code folder that are the function's package: not the bytecode caches a run writes beside it.</summary>
    internal static IEnumerable<FileInfo> PackageFiles(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(directory, f.FullName).Split(Path.DirectorySeparatorChar).Contains("__pycache__"));
}
