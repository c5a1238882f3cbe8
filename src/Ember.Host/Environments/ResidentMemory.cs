using System.Globalization;

namespace Ember.Host.Environments;

/// <summary>
/// What an environment's processes hold in memory at one moment, from <c>/proc/PID/status</c>, summed over
/// its processes: pages backed by files (the runtime's binary, its libraries, the function's code: what it
/// touched from disk) and anonymous pages (heaps, stacks). Taken when the runtime first asks for an
/// invocation, it says how much of its package and runtime an init touched, which on Lambda arrives lazily
/// from remote storage (the lab's AWS estimate reads it).
/// </summary>
internal readonly record struct ResidentMemory(long FileBytes, long AnonymousBytes)
{
    /// <summary>The sum over <paramref name="processIds"/>; a process that is gone (or unreadable) counts nothing.</summary>
    public static ResidentMemory Of(IEnumerable<int> processIds)
    {
        ArgumentNullException.ThrowIfNull(processIds);
        long file = 0, anonymous = 0;
        foreach (var pid in processIds)
        {
            string status;
            try
            {
                status = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            var (f, a) = Parse(status);
            file += f;
            anonymous += a;
        }
        return new ResidentMemory(file, anonymous);
    }

    /// <summary>RssFile (plus RssShmem) and RssAnon of one <c>/proc/PID/status</c>, in bytes.</summary>
    internal static (long File, long Anonymous) Parse(ReadOnlySpan<char> status)
    {
        long file = 0, anonymous = 0;
        foreach (var range in status.Split('\n'))
        {
            var line = status[range];
            if (line.StartsWith("RssFile:", StringComparison.Ordinal) || line.StartsWith("RssShmem:", StringComparison.Ordinal))
            {
                file += Kilobytes(line);
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anonymous += Kilobytes(line);
            }
        }
        return (file * 1024, anonymous * 1024);
    }

    // "RssFile:\t    4412 kB"
    private static long Kilobytes(ReadOnlySpan<char> line)
    {
        var value = line[(line.IndexOf(':') + 1)..].Trim();
        var space = value.IndexOf(' ');
        return long.TryParse(space < 0 ? value : value[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }
}
