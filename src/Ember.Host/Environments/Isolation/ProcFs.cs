using System.Globalization;
using System.Runtime.InteropServices;

namespace Ember.Host.Environments.Isolation;

/// <summary>The few facts about processes Ember reads from /proc, and signals sent to them.</summary>
internal static class ProcFs
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    /// <summary>Start time of a process in clock ticks since boot (field 22 of /proc/pid/stat); null when it is gone.</summary>
    public static long? StartTime(int pid) => StatField(pid, 22) is { } value ? long.Parse(value, CultureInfo.InvariantCulture) : null;

    /// <summary>The state letter (R, S, T, Z…) of /proc/pid/stat; null when the process is gone.</summary>
    public static char? State(int pid) => StatField(pid, 3) is { Length: > 0 } value ? value[0] : null;

    /// <summary>A kB field of /proc/pid/status (VmRSS, VmHWM) in bytes; 0 when absent or the process is gone.</summary>
    public static long StatusKilobytes(int pid, string field) => StatusField(Status(pid), field);

    /// <summary>The text of /proc/pid/status; empty when the process is gone or unreadable.</summary>
    public static string Status(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>A kB field (VmRSS, RssFile…) of a /proc/pid/status text, in bytes; 0 when absent.</summary>
    public static long StatusField(string text, string field)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith(field) && line.Length > field.Length && line[field.Length] == ':')
            {
                var rest = line[(field.Length + 1)..].Trim();
                var space = rest.IndexOf(' ');
                var number = space < 0 ? rest : rest[..space];
                return long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : 0;
            }
        }
        return 0;
    }

    /// <summary>
    /// A lower bound of the peak resident set of a group of processes: the larger of their summed
    /// VmRSS now and the largest VmHWM (one process's exact peak). Summing VmHWM instead would add
    /// peaks that never coincided and count the pages a fork shares twice.
    /// </summary>
    public static long ResidentBytes(IEnumerable<int> pids)
    {
        long sum = 0;
        long largest = 0;
        foreach (var pid in pids)
        {
            // One read of the status file per process: this runs at the end of every invocation.
            var status = Status(pid);
            sum += StatusField(status, "VmRSS");
            largest = Math.Max(largest, StatusField(status, "VmHWM"));
        }
        return Math.Max(sum, largest);
    }

    /// <summary>Direct children of every thread of a process (needs CONFIG_PROC_CHILDREN, which Debian has).</summary>
    public static IEnumerable<int> Children(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var task in tasks)
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var child))
                {
                    yield return child;
                }
            }
        }
    }

    /// <summary>Sends a signal; false when the process no longer exists.</summary>
    public static bool Signal(int pid, int signal) => kill(pid, signal) == 0;

    private static string? StatField(int pid, int field)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) is in parentheses and may contain spaces: count from the last ')'.
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }
        var rest = text[(close + 2)..].Split(' ');
        var index = field - 3;
        return index >= 0 && index < rest.Length ? rest[index] : null;
    }

    // DllImport rather than LibraryImport: int-only signature needs no marshalling code, and
    // LibraryImport would make the whole host project compile with AllowUnsafeBlocks.
#pragma warning disable SYSLIB1054
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}
