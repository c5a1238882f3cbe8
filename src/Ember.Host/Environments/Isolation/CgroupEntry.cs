using System.Diagnostics;
using System.Text;

namespace Ember.Host.Environments.Isolation;

/// <summary>
/// Rewrites a start so the process joins its cgroups before any function code runs:
/// <c>/bin/sh -c '{ echo $$ &gt; …/cgroup.procs &amp;&amp; …; } || exit 125; exec "$0" "$@"' &lt;file&gt; &lt;args…&gt;</c>.
/// The shell writes its own pid, then execs the original program in place (same pid, so the
/// host's Process object is the function's process), with the original arguments untouched:
/// they travel as separate argv entries and are never re-parsed by the shell.
/// Why a shell rather than joining after start: after Process.Start returns the child may already
/// be running function code; clone3(CLONE_INTO_CGROUP) would be exact but is v2-only and not
/// reachable from Process.Start.
/// </summary>
internal static class CgroupEntry
{
    public const string Shell = "/bin/sh";

    /// <summary>Exit code of the wrapper when it could not join a cgroup (the program never ran).</summary>
    public const int JoinFailedExitCode = 125;

    public static void Wrap(ProcessStartInfo start, IReadOnlyList<string> cgroupDirectories)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (start.UseShellExecute)
        {
            throw new ArgumentException("A sandboxed process must start with UseShellExecute = false.", nameof(start));
        }

        var joins = string.Join(" && ", cgroupDirectories.Select(d => $"echo $$ > {ShellQuote(Path.Combine(d, "cgroup.procs"))}"));
        var script = $"{{ {joins}; }} || {{ echo 'ember: could not join the environment cgroup' >&2; exit {JoinFailedExitCode}; }}; exec \"$0\" \"$@\"";
        var program = ResolveLikeProcessStart(start.FileName);

        if (start.ArgumentList.Count > 0 || string.IsNullOrEmpty(start.Arguments))
        {
            start.ArgumentList.Insert(0, "-c");
            start.ArgumentList.Insert(1, script);
            start.ArgumentList.Insert(2, program);
        }
        else
        {
            // The caller used the Arguments string: .NET splits it with the Windows rules on Unix too,
            // token by token, so quoting three more tokens in front leaves the original ones exact.
            start.Arguments = $"-c {QuoteForArgumentsString(script)} {QuoteForArgumentsString(program)} {start.Arguments}";
        }
        start.FileName = Shell;
    }

    /// <summary>
    /// Resolves the program as Process.Start would (absolute; else beside the host executable,
    /// then the current directory, then the host's PATH), so exec in the shell, which searches the
    /// child's PATH, starts exactly the program Process.Start would have started. An unresolvable
    /// name is passed on as is: the shell then fails with exit code 127 and "not found" on stderr.
    /// </summary>
    internal static string ResolveLikeProcessStart(string fileName)
    {
        if (string.IsNullOrEmpty(fileName) || Path.IsPathRooted(fileName))
        {
            return fileName;
        }
        if (Path.GetDirectoryName(Environment.ProcessPath) is { } hostDirectory && File.Exists(Path.Combine(hostDirectory, fileName)))
        {
            return Path.GetFullPath(Path.Combine(hostDirectory, fileName));
        }
        if (File.Exists(Path.Combine(Directory.GetCurrentDirectory(), fileName)))
        {
            return Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), fileName));
        }
        // On PATH, like Process.Start, only an executable file counts.
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, fileName);
            if (File.Exists(candidate) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
            {
                return Path.GetFullPath(candidate);
            }
        }
        return fileName;
    }

    internal static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    /// <summary>Quotes one argument for ProcessStartInfo.Arguments (the rules .NET's PasteArguments uses).</summary>
    internal static string QuoteForArgumentsString(string argument)
    {
        var builder = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            if (c == '"')
            {
                builder.Append('\\', backslashes * 2 + 1).Append('"');
            }
            else
            {
                builder.Append('\\', backslashes).Append(c);
            }
            backslashes = 0;
        }
        return builder.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
