using System.Diagnostics;
using Ember.Host.Environments.Isolation;

namespace Ember.Host.Environments;

/// <summary>
/// Freezes an idle environment as Lambda does, but off the request path: the freeze happens once the
/// environment has been idle for a short grace, and an invocation that arrives within the grace finds
/// it still running, with nothing to thaw.
/// </summary>
/// <remarks>
/// Freezing and thawing through the cgroup freezer cost about 0.2 ms each here (docs/BENCHMARKS.md).
/// Done inline after every invocation, that was most of the host's added latency under back-to-back
/// load; deferred by a grace of a few milliseconds, back-to-back invocations pay nothing, and an
/// environment left idle is frozen a few milliseconds later than on Lambda, which no function can
/// tell from its background threads' point of view beyond that grace.
/// </remarks>
internal sealed class EnvironmentFreezer : IDisposable
{
    private readonly IEnvironmentSandbox _sandbox;
    private readonly TimeSpan _grace;
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private bool _idle;
    private bool _frozen;
    private bool _disposed;
    private long _spentTicks;

    public EnvironmentFreezer(IEnvironmentSandbox sandbox, TimeSpan grace)
    {
        _sandbox = sandbox;
        _grace = grace;
        _timer = new Timer(_ => FreezeIfStillIdle());
    }

    /// <summary>Time spent in freeze and thaw so far (kept out of Duration).</summary>
    public TimeSpan Spent => TimeSpan.FromTicks(Interlocked.Read(ref _spentTicks) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);

    public bool IsFrozen
    {
        get
        {
            lock (_gate)
            {
                return _frozen;
            }
        }
    }

    /// <summary>The invocation ended: freeze once the environment has stayed idle for the grace.</summary>
    public void ScheduleFreeze()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _idle = true;
            _timer.Change(_grace, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>An invocation is about to run: cancel a pending freeze, and thaw if the freeze already happened.</summary>
    public void EnsureRunning()
    {
        lock (_gate)
        {
            _idle = false;
            if (!_disposed)
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
            if (_frozen)
            {
                var started = Stopwatch.GetTimestamp();
                _sandbox.Thaw();
                _frozen = false;
                Interlocked.Add(ref _spentTicks, Stopwatch.GetTimestamp() - started);
            }
        }
    }

    private void FreezeIfStillIdle()
    {
        lock (_gate)
        {
            if (_disposed || !_idle || _frozen)
            {
                return;
            }
            var started = Stopwatch.GetTimestamp();
            _sandbox.Freeze();
            _frozen = true;
            Interlocked.Add(ref _spentTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    /// <summary>Stops freezing for good and leaves the environment running (so it can be shut down).</summary>
    public void Dispose()
    {
        EnsureRunning();
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }
}
