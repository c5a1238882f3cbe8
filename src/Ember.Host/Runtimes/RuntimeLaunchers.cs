using System.Diagnostics;
using Ember.Host.Environments;
using Ember.Host.Functions;
using Ember.Host.Templates;

namespace Ember.Host.Runtimes;

/// <summary>
/// How each runtime's process is started: a custom runtime runs its own <c>bootstrap</c>; a Python
/// function runs Ember's Python bootstrap on the machine's python3.
/// </summary>
internal sealed class RuntimeLaunchers
{
    private readonly Lazy<PythonInterpreter?> _python;
    private readonly Lazy<PythonInterpreters> _pythons;
    private readonly Lazy<DotnetRuntimes> _dotnets;

    /// <param name="forOtherUsers">Environments run as other users than the host's: every interpreter must be one they may execute.</param>
    /// <param name="pythonCompat">Run a python3.X function on the machine's python3 when this machine has no Python 3.X (--python-compat).</param>
    /// <param name="dotnetCompat">Run a dotnetN function on a newer .NET when this machine has no .NET N (--dotnet-compat).</param>
    public RuntimeLaunchers(bool forOtherUsers = false, bool pythonCompat = false, bool dotnetCompat = false)
    {
        DotnetCompat = dotnetCompat;
        _python = new(() => PythonInterpreter.Find(forOtherUsers));
        _pythons = new(() => PythonInterpreters.Discover(forOtherUsers));
        _dotnets = new(() => DotnetRuntimes.Discover(forOtherUsers));
        PythonCompat = pythonCompat;
    }

    public bool PythonCompat { get; }

    public bool DotnetCompat { get; }

    public PythonInterpreters Pythons => _pythons.Value;

    public DotnetRuntimes Dotnets => _dotnets.Value;

    /// <summary>Ember's managed .NET runtime, built beside the host (its .runtimeconfig.json and .deps.json with it).</summary>
    public static string ManagedRuntimeAssembly => Path.Combine(AppContext.BaseDirectory, "Ember.Lambda.Managed.dll");

    /// <summary>
    /// For a report: a python3.X function that runs on another Python here (--python-compat), said in a sentence; null
    /// when it runs on its own Python (or is not a Python function).
    /// </summary>
    public string? SubstitutionNote(FunctionConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!RuntimeNames.IsPython(configuration.Runtime) || Pythons.For(configuration.Runtime) is not null)
        {
            return null;
        }
        return $"{configuration.Name} declares {configuration.Runtime}, for which this machine has no Python its environments may run; it ran on Python {Python?.Version} " +
            $"({Python?.Executable}) instead (--python-compat), so its figures are that Python's.";
    }

    /// <summary>Why a function of <paramref name="runtime"/> cannot run here (its Python is missing and --python-compat is off); null when it can.</summary>
    public string? WhyNot(string runtime) =>
        RuntimeNames.IsPython(runtime) && !PythonCompat ? Pythons.WhyNot(runtime)
        : RuntimeNames.IsDotnet(runtime) ? Dotnets.WhyNot(runtime, DotnetCompat)
        : null;

    /// <summary>Folder of Ember's own runtime bootstraps, shipped beside the host.</summary>
    public static string RuntimesDirectory => Path.Combine(AppContext.BaseDirectory, "runtimes");

    public PythonInterpreter? Python => _python.Value;

    public EnvironmentLaunch For(FunctionConfiguration configuration)
    {
        if (RuntimeNames.IsPython(configuration.Runtime))
        {
            var pythonDir = Path.Combine(RuntimesDirectory, "python");
            // Unbuffered, so the function's prints reach the log before its response does; -S so the
            // machine's .pth start-up hooks do not run in a Lambda environment (the bootstrap adds
            // site-packages itself, hooks aside); -B because Lambda's /var/task is read-only, so no cold start there
            // finds the __pycache__ an earlier one wrote (and the code directory stays as deployed).
            // The function's own Python when the machine has it; with --python-compat, the machine's python3 otherwise, said in INIT_START.
            var own = Pythons.For(configuration.Runtime);
            var executable = own ?? Python?.Executable ?? "python3";
            return new EnvironmentLaunch(executable, ["-B", "-S", "-u", Path.Combine(pythonDir, "bootstrap.py")], pythonDir,
                "AWS_Lambda_" + configuration.Runtime)
            {
                Substitution = own is null ? $"on Python {Python?.Version ?? "3"} ({executable}), --python-compat" : null,
            };
        }
        if (RuntimeNames.IsDotnet(configuration.Runtime))
        {
            return ForDotnet(configuration);
        }
        return new EnvironmentLaunch(Path.Combine(configuration.CodeDirectory, "bootstrap"), [], configuration.CodeDirectory, null);
    }

    /// <summary>
    /// A class library (<c>Assembly::Type::Method</c>) runs in Ember's managed runtime under the function's own
    /// runtimeconfig.json when it has one (its framework and settings, as Lambda runs it); an executable assembly
    /// (<c>Assembly</c>) runs as it is.
    /// </summary>
    private EnvironmentLaunch ForDotnet(FunctionConfiguration configuration)
    {
        var muxer = Dotnets.Muxer ?? "dotnet";
        var executionEnv = "AWS_Lambda_" + configuration.Runtime;
        // --dotnet-compat: no .NET of the function's major version here, so the newest one runs it, rolled forward.
        var rolledTo = Dotnets.RollForwardTarget(configuration.Runtime);
        string[] exec = rolledTo is null ? ["exec"] : ["exec", "--roll-forward", "Major"];
        var substitution = rolledTo is null ? null : $"on .NET {rolledTo} ({muxer}), --dotnet-compat";
        // The start check refuses a handler of neither form; one that reaches here anyway goes to the managed runtime,
        // which fails its init saying why.
        var handler = DotnetHandler.Parse(configuration.Handler)
            ?? new DotnetHandler(configuration.Handler.Split("::")[0].Trim(), IsClassLibrary: configuration.Handler.Contains("::", StringComparison.Ordinal));
        var assembly = handler.AssemblyPath(configuration.CodeDirectory);
        if (!handler.IsClassLibrary)
        {
            return new EnvironmentLaunch(muxer, [.. exec, assembly], configuration.CodeDirectory, executionEnv) { Substitution = substitution };
        }
        var runtimeConfig = Path.ChangeExtension(assembly, ".runtimeconfig.json");
        string[] arguments = File.Exists(runtimeConfig)
            ? [.. exec, "--runtimeconfig", runtimeConfig, ManagedRuntimeAssembly]
            : [.. exec, ManagedRuntimeAssembly];
        return new EnvironmentLaunch(muxer, arguments, AppContext.BaseDirectory, executionEnv) { Substitution = substitution };
    }
}

/// <summary>The real interpreter behind python3 (not a shim script, which would add its own start-up to every cold start).</summary>
internal sealed record PythonInterpreter(string Executable, string Version)
{
    /// <summary>
    /// The python3 on PATH; when <paramref name="forOtherUsers"/>, the first of it, /usr/bin/python3
    /// and /usr/local/bin/python3 that any user may execute (pyenv's, under a 0700 /root, is not).
    /// </summary>
    public static PythonInterpreter? Find(bool forOtherUsers = false)
    {
        if (!forOtherUsers)
        {
            return Ask("python3");
        }
        return new[] { "python3", "/usr/bin/python3", "/usr/local/bin/python3" }
            .Select(Ask)
            .FirstOrDefault(p => p is not null && ExecutableByAnyone(p.Executable));
    }

    /// <summary>True when a user with no relation to the file's owner may run it: o+x on it and on every folder above.</summary>
    internal static bool ExecutableByAnyone(string path)
    {
        try
        {
            var file = new FileInfo(Path.GetFullPath(path));
            if (!file.Exists || (file.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
            for (var directory = file.Directory; directory is not null; directory = directory.Parent)
            {
                if ((directory.UnixFileMode & UnixFileMode.OtherExecute) == 0)
                {
                    return false;
                }
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static PythonInterpreter? Ask(string python)
    {
        try
        {
            var start = new ProcessStartInfo(python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("import sys; print(sys.executable); print('%d.%d' % sys.version_info[:2])");
            using var process = Process.Start(start)!;
            var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            process.WaitForExit();
            return process.ExitCode == 0 && lines.Length == 2 ? new PythonInterpreter(lines[0].Trim(), lines[1].Trim()) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
