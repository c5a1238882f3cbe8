using System.Diagnostics;

namespace Ember.Host.Environments.Isolation;

/// <summary>
/// An environment without cgroups: its process tree, found through /proc/&lt;pid&gt;/task/*/children.
/// Peak memory is the larger of two lower bounds of the true peak: the largest sum of VmRSS over the
/// tree seen by a 10 ms sampler (simultaneous use across processes, but blind to spikes between
/// samples) and the largest VmHWM of any one process (the kernel's exact per-process peak, which
/// catches a short spike a sample missed). Summing VmHWM instead would add peaks that never
/// coincided, and count the pages a fork shares twice.
/// </summary>
internal sealed class ProcessTreeSandbox : IEnvironmentSandbox
{
    private static readonly TimeSpan s_samplePeriod = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(2);

    private readonly bool _freeze;
    private readonly Lock _lock = new();
    // Every process seen in the tree with its start time, so a straggler is never confused with a reused pid.
    private readonly Dictionary<int, long> _known = [];
    private int _root;
    private long _rootStart;
    private Timer? _sampler;
    private long _peak;
    private bool _frozen;
    private bool _disposed;

    public ProcessTreeSandbox(bool freeze) => _freeze = freeze;

    public void Prepare(ProcessStartInfo start) => ArgumentNullException.ThrowIfNull(start);

    public void Attach(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        _rootStart = ProcFs.StartTime(process.Id) ?? 0;
        _root = process.Id;
        Sample();
        _sampler = new Timer(_ => Sample(), null, s_samplePeriod, s_samplePeriod);
    }

    public IReadOnlyList<int> ProcessIds()
    {
        lock (_lock)
        {
            return _root == 0 || _disposed ? [] : Tree();
        }
    }

    public long PeakMemoryBytes(bool exact = true)
    {
        Sample();
        return Interlocked.Read(ref _peak);
    }

    public bool OutOfMemoryKilled() => false;

    /// <summary>Without cgroups there is no CPU limit to change.</summary>
    public void EndInit()
    {
    }

    public void Freeze()
    {
        if (!_freeze || _root == 0)
        {
            return;
        }
        lock (_lock)
        {
            _frozen = true;
            // Stop from the root down, and again until no new process appears: a child forked
            // while its parent was being stopped is caught by the next pass.
            var stopped = new HashSet<int>();
            Poll.Until(() =>
            {
                var added = false;
                foreach (var pid in Tree())
                {
                    if (stopped.Add(pid))
                    {
                        ProcFs.Signal(pid, ProcFs.SigStop);
                        added = true;
                    }
                }
                return !added;
            }, s_stopTimeout);
            // SIGSTOP is asynchronous: wait (bounded) until every process reports state T.
            Poll.Until(() => stopped.All(pid => ProcFs.State(pid) is null or 'T' or 't' or 'Z' or 'X'), s_stopTimeout);
        }
    }

    public void Thaw()
    {
        if (!_freeze || _root == 0)
        {
            return;
        }
        lock (_lock)
        {
            foreach (var pid in Tree())
            {
                ProcFs.Signal(pid, ProcFs.SigCont);
            }
            _frozen = false;
        }
    }

    /// <summary>Kills what is left of the tree (the host has killed it already; this catches stragglers).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _sampler?.Dispose();
        Sample();
        lock (_lock)
        {
            _disposed = true;
            foreach (var (pid, start) in _known)
            {
                if (ProcFs.StartTime(pid) == start)
                {
                    ProcFs.Signal(pid, ProcFs.SigKill);
                    ProcFs.Signal(pid, ProcFs.SigCont);
                }
            }
        }
    }

    private void Sample()
    {
        lock (_lock)
        {
            if (_disposed || _frozen || _root == 0)
            {
                return;
            }
            _peak = Math.Max(_peak, ProcFs.ResidentBytes(Tree()));
        }
    }

    /// <summary>The root and its descendants now alive, remembering each one's start time.</summary>
    private List<int> Tree()
    {
        var tree = new List<int>();
        var pending = new Stack<int>();
        pending.Push(_root);
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if (ProcFs.StartTime(pid) is not { } start || tree.Contains(pid) || (pid == _root && start != _rootStart))
            {
                continue;
            }
            tree.Add(pid);
            _known[pid] = start;
            foreach (var child in ProcFs.Children(pid))
            {
                pending.Push(child);
            }
        }
        return tree;
    }
}
