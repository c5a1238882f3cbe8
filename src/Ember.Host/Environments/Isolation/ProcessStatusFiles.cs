using System.Buffers;
using System.Buffers.Text;

namespace Ember.Host.Environments.Isolation;

/// <summary>
/// The /proc/PID/status and /proc/PID/statm files of a group's processes, each kept open while its process lives:
/// the peak-memory read at the end of every invocation costs one pread per process.
/// </summary>
internal sealed class ProcessStatusFiles : IDisposable
{
    private static readonly long PageBytes = Environment.SystemPageSize;

    private readonly Dictionary<int, KernelFile?> _statuses = [];
    private readonly Dictionary<int, KernelFile?> _statms = [];

    /// <summary>
    /// A lower bound of the peak resident set of <paramref name="pids"/>, as <see cref="ProcFs.ResidentBytes"/> computes it:
    /// the larger of their summed VmRSS now and the largest VmHWM. Not <paramref name="exact"/>: the summed resident set
    /// now, from statm, which the kernel writes in a fraction of the time status takes.
    /// </summary>
    public long ResidentBytes(IReadOnlyList<int> pids, bool exact = true)
    {
        Forget(_statuses, pids);
        Forget(_statms, pids);
        long sum = 0;
        long largest = 0;
        foreach (var pid in pids)
        {
            var files = exact ? _statuses : _statms;
            if (!files.TryGetValue(pid, out var file))
            {
                file = KernelFile.TryOpen(exact ? $"/proc/{pid}/status" : $"/proc/{pid}/statm");
                files[pid] = file;
            }
            if (file is null)
            {
                continue;
            }
            var (buffer, length) = file.Read(ArrayPool<byte>.Shared, oneRecord: true);
            if (length == 0)
            {
                // Its process has exited: opened again next time, should another process take its pid.
                file.Dispose();
                files.Remove(pid);
            }
            var text = buffer.AsSpan(0, length);
            if (exact)
            {
                sum += KernelFile.StatusField(text, "VmRSS"u8);
                largest = Math.Max(largest, KernelFile.StatusField(text, "VmHWM"u8));
            }
            else
            {
                sum += StatmResidentPages(text) * PageBytes;
            }
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return Math.Max(sum, largest);
    }

    /// <summary>statm's second field: "size resident shared text lib data dt", in pages.</summary>
    internal static long StatmResidentPages(ReadOnlySpan<byte> text)
    {
        var space = text.IndexOf((byte)' ');
        if (space < 0)
        {
            return 0;
        }
        return Utf8Parser.TryParse(text[(space + 1)..], out long pages, out _) ? pages : 0;
    }

    /// <summary>Closes the files of processes no longer in the group (no LINQ: this runs at every invocation's end).</summary>
    private static void Forget(Dictionary<int, KernelFile?> files, IReadOnlyList<int> alive)
    {
        if (files.Count <= alive.Count && AllAlive(files, alive))
        {
            return;
        }
        foreach (var pid in new List<int>(files.Keys))
        {
            if (!Contains(alive, pid))
            {
                files[pid]?.Dispose();
                files.Remove(pid);
            }
        }
    }

    private static bool AllAlive(Dictionary<int, KernelFile?> files, IReadOnlyList<int> alive)
    {
        foreach (var pid in files.Keys)
        {
            if (!Contains(alive, pid))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Contains(IReadOnlyList<int> pids, int pid)
    {
        for (var i = 0; i < pids.Count; i++)
        {
            if (pids[i] == pid)
            {
                return true;
            }
        }
        return false;
    }

    public void Dispose()
    {
        foreach (var file in _statuses.Values.Concat(_statms.Values))
        {
            file?.Dispose();
        }
        _statuses.Clear();
        _statms.Clear();
    }
}
