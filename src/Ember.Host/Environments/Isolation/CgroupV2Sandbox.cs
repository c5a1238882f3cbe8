using System.Diagnostics;
using System.Globalization;

namespace Ember.Host.Environments.Isolation;

/// <summary>One environment's cgroup on v2: memory.max (+ swap 0), cpu.max, memory.peak, memory.events, cgroup.freeze.</summary>
internal sealed class CgroupV2Sandbox : IEnvironmentSandbox
{
    private static readonly TimeSpan s_freezeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Sampling period of memory.current where memory.peak (5.19+) is missing.</summary>
    private static readonly TimeSpan s_samplePeriod = TimeSpan.FromMilliseconds(10);

    private readonly string _directory;
    private readonly IsolationSettings _settings;
    private readonly bool _hasPeakFile;
    private readonly int _memoryMb;
    private Timer? _sampler;
    private long _peak;
    private bool _lastOutOfMemory;
    private bool _disposed;

    public CgroupV2Sandbox(string directory, int memoryMb, IsolationSettings settings)
    {
        _directory = directory;
        _settings = settings;
        _memoryMb = memoryMb;
        if (Directory.Exists(directory))
        {
            throw new InvalidOperationException($"The cgroup '{directory}' already exists: environment ids must be unique.");
        }
        Directory.CreateDirectory(directory);
        try
        {
            CgroupFiles.TryWrite(directory, "cpu.weight",
                CpuShare.Weight(CpuShare.Cpus(memoryMb, settings.MachineCpus), 100, 1, 10_000).ToString(CultureInfo.InvariantCulture));
            if (settings.EnforceLimits)
            {
                CgroupFiles.Write(directory, "memory.max", (memoryMb * 1024L * 1024L).ToString(CultureInfo.InvariantCulture));
                if (File.Exists(Path.Combine(directory, "memory.swap.max")))
                {
                    CgroupFiles.Write(directory, "memory.swap.max", "0");
                }
                // Init runs on the environment's full vCPUs; EndInit applies the memory size's share.
                CgroupFiles.Write(directory, "cpu.max", string.Create(CultureInfo.InvariantCulture,
                    $"{CpuShare.InitQuotaMicroseconds(memoryMb, settings.MachineCpus)} {CpuShare.PeriodMicroseconds}"));
            }
            // Like Lambda, an out-of-memory kill takes the whole environment, not one of its processes.
            CgroupFiles.TryWrite(directory, "memory.oom.group", "1");
        }
        catch
        {
            CgroupV1Isolation.TryRemoveDirectory(directory);
            throw;
        }
        _hasPeakFile = File.Exists(Path.Combine(directory, "memory.peak"));
    }

    public string GroupDirectory => _directory;

    public void Prepare(ProcessStartInfo start) => CgroupEntry.Wrap(start, [_directory]);

    public void Attach(Process process)
    {
        if (!_hasPeakFile)
        {
            _sampler = new Timer(_ => Sample(), null, TimeSpan.Zero, s_samplePeriod);
        }
    }

    public void EndInit()
    {
        if (_settings.EnforceLimits && !_disposed)
        {
            CgroupFiles.Write(_directory, "cpu.max", string.Create(CultureInfo.InvariantCulture,
                $"{CpuShare.QuotaMicroseconds(_memoryMb, _settings.MachineCpus)} {CpuShare.PeriodMicroseconds}"));
        }
    }

    public IReadOnlyList<int> ProcessIds() => _disposed ? [] : CgroupFiles.Processes(_directory);

    public long PeakMemoryBytes(bool exact = true)
    {
        Sample();
        if (!_disposed)
        {
            // What the group was charged can miss shared file pages another group faulted in first.
            Raise(ProcFs.ResidentBytes(CgroupFiles.Processes(_directory)));
        }
        return Interlocked.Read(ref _peak);
    }

    public bool OutOfMemoryKilled()
    {
        if (!_disposed && !_lastOutOfMemory)
        {
            _lastOutOfMemory = (CgroupFiles.ReadKeyed(_directory, "memory.events", "oom_kill") ?? 0) > 0;
        }
        return _lastOutOfMemory;
    }

    public void Freeze()
    {
        if (_settings.FreezeBetweenInvocations && !_disposed)
        {
            CgroupFiles.Write(_directory, "cgroup.freeze", "1");
            Poll.Until(() => CgroupFiles.ReadKeyed(_directory, "cgroup.events", "frozen") == 1, s_freezeTimeout);
        }
    }

    public void Thaw()
    {
        if (_settings.FreezeBetweenInvocations && !_disposed)
        {
            CgroupFiles.Write(_directory, "cgroup.freeze", "0");
        }
    }

    private void Sample()
    {
        if (_disposed)
        {
            return;
        }
        Raise(CgroupFiles.ReadNumber(_directory, _hasPeakFile ? "memory.peak" : "memory.current") ?? 0);
    }

    private void Raise(long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, value, current) != current)
        {
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _sampler?.Dispose();
        Sample();
        OutOfMemoryKilled();
        _disposed = true;
        CgroupV2Isolation.RemoveGroup(_directory);
    }
}
