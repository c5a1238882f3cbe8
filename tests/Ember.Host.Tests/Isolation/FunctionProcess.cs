using System.Collections.Concurrent;
using System.Diagnostics;
using Ember.Host.Environments.Isolation;

namespace Ember.Host.Tests.Isolation;

/// <summary>A real small process started in a sandbox, as the host does it: Prepare, Start, Attach.</summary>
internal sealed class FunctionProcess : IDisposable
{
    private readonly BlockingCollection<string> _lines = [];
    private long _lastNumber = -1;
    private TempDirectory? _counterDirectory;

    private FunctionProcess(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>The last line that was a number (counters printed by the scripts).</summary>
    public long LastNumber => Interlocked.Read(ref _lastNumber);

    public static FunctionProcess StartPython(IEnvironmentSandbox sandbox, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        sandbox.Prepare(start);
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        sandbox.Attach(process);
        var function = new FunctionProcess(process);
        process.OutputDataReceived += (_, e) => function.OnLine(e.Data);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return function;
    }

    /// <summary>Starts <see cref="Scripts.Count"/>, counting into a file of its own (<see cref="Count"/>).</summary>
    public static FunctionProcess StartCounter(IEnvironmentSandbox sandbox)
    {
        var directory = new TempDirectory("ember-counter-");
        var function = StartPython(sandbox, Scripts.Count, directory.File("count"));
        function._counterDirectory = directory;
        return function;
    }

    /// <summary>What the counter of <see cref="StartCounter"/> has reached; -1 before its first count.</summary>
    public long Count =>
        _counterDirectory is null ? throw new InvalidOperationException("not started by StartCounter")
        : File.Exists(_counterDirectory.File("count")) && long.TryParse(File.ReadAllText(_counterDirectory.File("count")), out var count) ? count : -1;

    /// <summary>The next line of stdout, or null if none came before the deadline (or the process ended).</summary>
    public string? ReadLine(TimeSpan timeout) => _lines.TryTake(out var line, timeout) ? line : null;

    public bool WaitForExit(TimeSpan timeout) => Process.WaitForExit(timeout);

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _lines.CompleteAdding();
            return;
        }
        if (long.TryParse(line, out var number))
        {
            Interlocked.Exchange(ref _lastNumber, number);
        }
        else
        {
            _lines.Add(line);
        }
    }

    public void Dispose()
    {
        try
        {
            Process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        Process.WaitForExit(5000);
        Process.Dispose();
        _counterDirectory?.Dispose();
    }
}
