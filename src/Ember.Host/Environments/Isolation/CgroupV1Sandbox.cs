using System.Diagnostics;
using System.Globalization;

namespace Ember.Host.Environments.Isolation;

/// <summary>One environment's cgroups on v1: memory (limit, peak, OOM kills), cpu (CFS quota), freezer.</summary>
internal sealed class CgroupV1Sandbox : IEnvironmentSandbox
{
    /// <summary>A freeze that has not completed by then is left to finish in the kernel.</summary>
    private static readonly TimeSpan s_freezeTimeout = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyDictionary<string, string> _directories;
    private readonly string _memory;
    private readonly string _freezer;
    private readonly IsolationSettings _settings;
    private readonly int _memoryMb;
    private Process? _process;
    private long _lastPeak;
    private bool _lastOutOfMemory;
    private bool _disposed;

    // Read at the end of every invocation: opened once (see KernelFile).
    private KernelFile? _maxUsage;
    private KernelFile? _procs;
    private readonly ProcessStatusFiles _statuses = new();
    private readonly List<int> _pids = [];

    public CgroupV1Sandbox(IReadOnlyDictionary<string, string> directories, int memoryMb, IsolationSettings settings)
    {
        _directories = directories;
        _memory = directories["memory"];
        _freezer = directories["freezer"];
        _settings = settings;
        _memoryMb = memoryMb;
        // Checked before anything is made, so a clash never removes the other environment's groups.
        if (directories.Values.FirstOrDefault(Directory.Exists) is { } existing)
        {
            throw new InvalidOperationException($"The cgroup '{existing}' already exists: environment ids must be unique.");
        }
        try
        {
            foreach (var directory in directories.Values)
            {
                Directory.CreateDirectory(directory);
            }
            // Weighted like as many busy processes as its CPU share (1,769 MB = one), limits on or off.
            CgroupFiles.TryWrite(directories["cpu"], "cpu.shares",
                CpuShare.Weight(CpuShare.Cpus(memoryMb, settings.MachineCpus), 1024, 2, 262_144).ToString(CultureInfo.InvariantCulture));
            if (settings.EnforceLimits)
            {
                var bytes = (memoryMb * 1024L * 1024L).ToString(CultureInfo.InvariantCulture);
                CgroupFiles.Write(_memory, "memory.limit_in_bytes", bytes);
                // memory+swap at the same figure: swapping cannot hide memory use beyond the limit.
                // (Absent when the kernel runs without swap accounting.) Must follow the plain limit.
                if (File.Exists(Path.Combine(_memory, "memory.memsw.limit_in_bytes")))
                {
                    CgroupFiles.Write(_memory, "memory.memsw.limit_in_bytes", bytes);
                }
                var cpu = directories["cpu"];
                CgroupFiles.Write(cpu, "cpu.cfs_period_us", CpuShare.PeriodMicroseconds.ToString(CultureInfo.InvariantCulture));
                // Init runs on the environment's full vCPUs; EndInit applies the memory size's share.
                CgroupFiles.Write(cpu, "cpu.cfs_quota_us", CpuShare.InitQuotaMicroseconds(memoryMb, settings.MachineCpus).ToString(CultureInfo.InvariantCulture));
            }
        }
        catch
        {
            foreach (var directory in directories.Values)
            {
                CgroupV1Isolation.TryRemoveDirectory(directory);
            }
            throw;
        }
    }

    /// <summary>This environment's cgroup directory per controller.</summary>
    public IReadOnlyDictionary<string, string> Directories => _directories;

    public void Prepare(ProcessStartInfo start) =>
        CgroupEntry.Wrap(start, CgroupV1Isolation.Controllers.Select(c => _directories[c]).ToList());

    public void Attach(Process process) => _process = process;

    public void EndInit()
    {
        if (_settings.EnforceLimits && !_disposed)
        {
            CgroupFiles.Write(_directories["cpu"], "cpu.cfs_quota_us",
                CpuShare.QuotaMicroseconds(_memoryMb, _settings.MachineCpus).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <remarks>
    /// The group's max_usage misses pages of shared files that another group loaded into the page
    /// cache first (v1 charges a page to whoever faulted it in): the resident set of the group's
    /// processes catches those.
    /// </remarks>
    public IReadOnlyList<int> ProcessIds() => _disposed ? [] : CgroupFiles.Processes(_memory);

    public long PeakMemoryBytes(bool exact = true)
    {
        lock (_statuses)
        {
            if (!_disposed)
            {
                _maxUsage ??= KernelFile.TryOpen(Path.Combine(_memory, "memory.max_usage_in_bytes"));
                _procs ??= KernelFile.TryOpen(Path.Combine(_memory, "cgroup.procs"));
                var charged = _maxUsage?.ReadNumber() ?? 0;
                _pids.Clear();
                _procs?.ReadNumbers(_pids);
                var resident = _statuses.ResidentBytes(_pids, exact);
                _lastPeak = Math.Max(_lastPeak, Math.Max(charged, resident));
            }
            return _lastPeak;
        }
    }

    public bool OutOfMemoryKilled()
    {
        if (_disposed || _lastOutOfMemory)
        {
            return _lastOutOfMemory;
        }
        // memory.oom_control's oom_kill counter (kernel 4.13+) counts the kernel's kills in this group.
        if (CgroupFiles.ReadKeyed(_memory, "memory.oom_control", "oom_kill") is { } kills)
        {
            return _lastOutOfMemory = kills > 0;
        }
        // Older kernels: the limit was hit (failcnt) and the process died of SIGKILL (128 + 9).
        var hitLimit = (CgroupFiles.ReadNumber(_memory, "memory.failcnt") ?? 0) > 0;
        return _lastOutOfMemory = hitLimit && _process is { HasExited: true, ExitCode: 137 };
    }

    public void Freeze()
    {
        if (_settings.FreezeBetweenInvocations && !_disposed)
        {
            FreezeAndWait(_freezer, s_freezeTimeout);
        }
    }

    public void Thaw()
    {
        if (_settings.FreezeBetweenInvocations && !_disposed)
        {
            CgroupFiles.Write(_freezer, "freezer.state", "THAWED");
        }
    }

    /// <summary>Writes FROZEN and waits (bounded) until the kernel reports every task frozen.</summary>
    internal static bool FreezeAndWait(string freezer, TimeSpan timeout)
    {
        CgroupFiles.Write(freezer, "freezer.state", "FROZEN");
        return Poll.Until(() => CgroupFiles.TryRead(freezer, "freezer.state")?.Trim() == "FROZEN", timeout);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        PeakMemoryBytes();
        OutOfMemoryKilled();
        lock (_statuses)
        {
            _disposed = true;
            _maxUsage?.Dispose();
            _procs?.Dispose();
            _statuses.Dispose();
        }
        CgroupV1Isolation.RemoveGroup(_directories);
    }
}
