using System.Diagnostics;
using Ember.Host.Invocations;

namespace Ember.Host.Environments;

/// <summary>
/// The execution environments of one function version: idle ones are reused, most recently used
/// first (the warmest); when none is idle a new one starts (a cold start). A new configuration
/// retires the old environments: idle ones at once, busy ones when their invocation ends.
/// </summary>
internal sealed class EnvironmentPool : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Stack<ExecutionEnvironment> _idle = new();
    private readonly HashSet<ExecutionEnvironment> _all = [];
    private EnvironmentSettings _settings;
    private bool _stopped;

    public EnvironmentPool(EnvironmentSettings settings) => _settings = settings;

    public EnvironmentSettings Settings { get { lock (_gate) { return _settings; } } }

    public int Count { get { lock (_gate) { return _all.Count; } } }

    public int IdleCount { get { lock (_gate) { return _idle.Count; } } }

    /// <summary>Runs an invocation on a warm environment, or on a new one.</summary>
    public async Task<PooledInvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var environment = TakeIdle();
        InitResult? init = null;
        var arrival = Stopwatch.GetTimestamp();
        if (environment is null)
        {
            EnvironmentSettings settings;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_stopped, this);
                settings = _settings;
            }
            environment = new ExecutionEnvironment(settings);
            lock (_gate)
            {
                _all.Add(environment);
            }
            init = await environment.InitializeAsync(cancellationToken).ConfigureAwait(false);
            if (!init.Succeeded)
            {
                Forget(environment);
                return new PooledInvocationResult(init.Failure!, environment, init, Stopwatch.GetElapsedTime(arrival));
            }
        }

        var outcome = await environment.InvokeAsync(invocation).ConfigureAwait(false);
        Return(environment);
        return new PooledInvocationResult(outcome, environment, init, TimeSpan.Zero);
    }

    private ExecutionEnvironment? TakeIdle()
    {
        lock (_gate)
        {
            while (_idle.TryPop(out var environment))
            {
                if (environment.State == EnvironmentState.Idle)
                {
                    return environment;
                }
                _all.Remove(environment);
            }
            return null;
        }
    }

    private void Return(ExecutionEnvironment environment)
    {
        bool retire;
        lock (_gate)
        {
            retire = _stopped || environment.State != EnvironmentState.Idle || !ReferenceEquals(environment.Settings, _settings);
            if (retire)
            {
                _all.Remove(environment);
            }
            else
            {
                _idle.Push(environment);
            }
        }
        if (retire)
        {
            _ = environment.RetireAsync();
        }
    }

    private void Forget(ExecutionEnvironment environment)
    {
        lock (_gate)
        {
            _all.Remove(environment);
        }
    }

    /// <summary>New environments use <paramref name="settings"/>; the old ones are retired.</summary>
    public void Reconfigure(EnvironmentSettings settings)
    {
        List<ExecutionEnvironment> idle;
        lock (_gate)
        {
            _settings = settings;
            idle = [.. _idle];
            _idle.Clear();
            foreach (var environment in idle)
            {
                _all.Remove(environment);
            }
        }
        foreach (var environment in idle)
        {
            _ = environment.RetireAsync();
        }
    }

    /// <summary>Retires environments idle for longer than <paramref name="idleTime"/>.</summary>
    public void RetireIdle(TimeSpan idleTime)
    {
        var expired = new List<ExecutionEnvironment>();
        lock (_gate)
        {
            var keep = _idle.Where(e => Stopwatch.GetElapsedTime(e.LastUsed) < idleTime).Reverse().ToList();
            expired.AddRange(_idle.Where(e => !keep.Contains(e)));
            _idle.Clear();
            foreach (var e in keep)
            {
                _idle.Push(e);
            }
            foreach (var e in expired)
            {
                _all.Remove(e);
            }
        }
        foreach (var environment in expired)
        {
            _ = environment.RetireAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<ExecutionEnvironment> all;
        lock (_gate)
        {
            _stopped = true;
            all = [.. _all];
            _all.Clear();
            _idle.Clear();
        }
        await Task.WhenAll(all.Select(e => e.RetireAsync())).ConfigureAwait(false);
    }
}
