using System.Globalization;

namespace Ember.Host.Environments.Isolation;

/// <summary>
/// Names the cgroup parent of one host instance, <c>ember/&lt;pid&gt;-&lt;start-ticks&gt;-&lt;n&gt;</c>, so that a
/// later host can tell whether the host that made it is still alive (same pid with the same start
/// time: pids are reused, start times are not) and sweep the parents of dead hosts.
/// </summary>
internal static class HostInstance
{
    public const string ParentDirectoryName = "ember";

    private static int s_sequence;

    public static string NewName()
    {
        var pid = Environment.ProcessId;
        var start = ProcFs.StartTime(pid) ?? 0;
        return string.Create(CultureInfo.InvariantCulture, $"{pid}-{start}-{Interlocked.Increment(ref s_sequence)}");
    }

    /// <summary>True when the name is a host instance's and that host is gone.</summary>
    public static bool IsStale(string name)
    {
        var parts = name.Split('-');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return false; // not ours: leave it alone
        }
        return ProcFs.StartTime(pid) != start;
    }

    /// <summary>Keeps only letters, digits, '.', '_' and '-' so an environment id is a safe directory name.</summary>
    public static string SafeDirectoryName(string environmentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environmentId);
        var chars = environmentId.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] is '.' or '_' or '-'))
            {
                chars[i] = '_';
            }
        }
        var name = new string(chars);
        return name is "." or ".." ? "_" + name : name;
    }
}
