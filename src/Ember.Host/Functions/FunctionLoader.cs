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
            if (RuntimeNames.IsPython(function.Runtime) && !pythonWarned)
            {
                pythonWarned = true;
                var python = _launchers.Python;
                if (python is null)
                {
                    _output($"warning: python3 was not found on PATH; Python functions will fail to start until it is installed.");
                }
                else if (functions.Where(f => RuntimeNames.IsPython(f.Runtime)).Select(f => f.Runtime["python".Length..]).Distinct().FirstOrDefault(v => v != python.Version) is { } asked)
                {
                    _output($"note: the template asks for python{asked}; Python functions run on this machine's python {python.Version} ({python.Executable}).");
                }
            }
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
                UrlAuthType = function.UrlAuthType,
                CodeSizeBytes = CodeSize(File.Exists(function.CodePath) ? function.CodePath : codeDirectory),
                CodeSha256 = CodeSha256(File.Exists(function.CodePath) ? function.CodePath : codeDirectory),
                Role = function.Role ?? "",
            });
        }
        if (problems.Count > 0)
        {
            throw TemplateException.Invalid(templatePath, problems);
        }
        return configurations;
    }

    private async Task<string?> PrepareCodeAsync(TemplateFunction function, List<TemplateProblem> problems, CancellationToken cancellationToken)
    {
        if (function.BuildMethod is not null)
        {
            return await BuildAsync(function, problems, cancellationToken).ConfigureAwait(false);
        }
        if (Directory.Exists(function.CodePath))
        {
            return function.CodePath;
        }
        return Unzip(function, problems);
    }

    private async Task<string?> BuildAsync(TemplateFunction function, List<TemplateProblem> problems, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(function.CodePath))
        {
            problems.Add(new(function.LogicalId, $"Metadata.BuildMethod asks for a build, so CodeUri must be a source folder; {function.CodePath} is not one."));
            return null;
        }
        try
        {
            _output($"building {function.Name} ({function.BuildMethod})...");
            var result = await _builder.BuildAsync(new BuildRequest(function.LogicalId, function.CodePath, function.BuildMethod!,
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
                DeploymentArchive.RemoveQuietly(staging);
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

    private static long CodeSize(string path)
    {
        if (File.Exists(path))
        {
            return new FileInfo(path).Length;
        }
        return Directory.Exists(path) ? PackageFiles(path).Sum(f => f.Length) : 0;
    }

    /// <summary>
    /// Base64 SHA-256 of the package, as Lambda reports CodeSha256: of the zip file itself, or for a
    /// folder (which SAM would zip first) of its files' relative paths and contents in path order,
    /// so the same sources always give the same hash. Empty when there is nothing to hash.
    /// </summary>
    private static string CodeSha256(string path)
    {
        if (File.Exists(path))
        {
            using var zip = File.OpenRead(path);
            return Convert.ToBase64String(SHA256.HashData(zip));
        }
        if (!Directory.Exists(path))
        {
            return "";
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in PackageFiles(path).OrderBy(f => Path.GetRelativePath(path, f.FullName), StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(path, file.FullName) + "\0"));
            hash.AppendData(File.ReadAllBytes(file.FullName));
        }
        return Convert.ToBase64String(hash.GetHashAndReset());
    }

    /// <summary>The files of a code folder that are the function's package: not the bytecode caches a run writes beside it.</summary>
    private static IEnumerable<FileInfo> PackageFiles(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(directory, f.FullName).Split(Path.DirectorySeparatorChar).Contains("__pycache__"));
}
