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
    private readonly Lazy<PythonInterpreter?> _python = new(PythonInterpreter.Find);

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
            // site-packages itself, hooks aside).
            return new EnvironmentLaunch(Python?.Executable ?? "python3", ["-S", "-u", Path.Combine(pythonDir, "bootstrap.py")], pythonDir,
                "AWS_Lambda_" + configuration.Runtime);
        }
        return new EnvironmentLaunch(Path.Combine(configuration.CodeDirectory, "bootstrap"), [], configuration.CodeDirectory, null);
    }
}

/// <summary>The real interpreter behind python3 (not a shim script, which would add its own start-up to every cold start).</summary>
internal sealed record PythonInterpreter(string Executable, string Version)
{
    public static PythonInterpreter? Find()
    {
        try
        {
            var start = new ProcessStartInfo("python3")
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
