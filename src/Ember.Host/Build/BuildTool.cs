using System.Diagnostics;
using System.Text;

namespace Ember.Host.Build;

/// <summary>Finds build tools on a PATH and runs them, keeping the tail of their output for errors.</summary>
internal sealed class BuildTool
{
    private const int TailChars = 4000;
    private readonly string _searchPath;

    public BuildTool(string searchPath)
    {
        _searchPath = searchPath;
    }

    /// <summary>The PATH this builder searches and gives to the tools.</summary>
    public string SearchPath => _searchPath;

    public string? Find(string tool)
    {
        foreach (var dir in _searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs the tool; a non-zero exit becomes a <see cref="BuildException"/> naming the function and command.</summary>
    public async Task RunAsync(string function, string toolPath, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(toolPath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = _searchPath;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var command = Path.GetFileName(toolPath) + " " + string.Join(' ', arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        // WaitForExitAsync returns once the output streams are drained.
        if (process.ExitCode != 0)
        {
            string tail;
            lock (output)
            {
                tail = output.ToString();
            }

            tail = tail.Trim();
            throw BuildException.ToolFailed(function, command, process.ExitCode, tail.Length > TailChars ? tail[^TailChars..] : tail);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            if (output.Length > TailChars * 2)
            {
                output.Remove(0, output.Length - TailChars);
            }
        }
    }
}
