using System.Diagnostics;
using Ember.Host.Invocations;

using Ember.Host.Logs;

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
    private EnvironmentSettings? _provisioned;
    private int _provisionedRequested;
    private int _provisionedReady;
    private string? _provisionedFailure;
    private bool _stopped;

    public EnvironmentPool(EnvironmentSettings settings) => _settings = settings;

    public EnvironmentSettings Settings { get { lock (_gate) { return _settings; } } }

    public int Count { get { lock (_gate) { return _all.Count; } } }

    public int IdleCount { get { lock (_gate) { return _idle.Count; } } }

    /// <summary>
    /// An environment ready for one invocation: a warm one (most recently used first), or a new one
    /// once its init has ended (a cold start). A failed init comes back as a lease whose
    /// <see cref="EnvironmentLease.Init"/> says why; its environment is already retired. Hand a
    /// ready environment back with <see cref="Return"/>.
    /// </summary>
    /// <remarks>
    /// No cancellation: as on Lambda, an init carries on when the caller that caused it goes away,
    /// and its environment joins the pool warm.
    /// </remarks>
    public async Task<EnvironmentLease> AcquireAsync()
    {
        if (TakeIdle() is { } warm)
        {
            return new EnvironmentLease(warm, null);
        }
        var environment = StartNew(settings: null);
        var settings = environment.Settings;
        var init = await environment.InitializeAsync().ConfigureAwait(false);
        if (init.Failure is { Kind: not InvocationOutcomeKind.StartFailure })
        {
            // Lambda logs the failed or timed-out init (INIT_REPORT Phase: init), then runs init again within this
            // first invocation (Phase: invoke), bounded by the function's timeout instead of the init limit; that
            // second init's time is the invocation's Duration. A runtime that cannot even be executed is not retried.
            Forget(environment);
            environment = StartNew(settings);
            init = await environment.InitializeAsync(TimeSpan.FromSeconds(settings.Configuration.TimeoutSeconds), invokePhase: true).ConfigureAwait(false);
        }
        if (!init.Succeeded)
        {
            Forget(environment);
        }
        return new EnvironmentLease(environment, init);
    }

    /// <summary>A new environment, counted in the pool, with <paramref name="settings"/> or the pool's current ones.</summary>
    private ExecutionEnvironment StartNew(EnvironmentSettings? settings)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            var environment = new ExecutionEnvironment(settings ?? _settings);
            _all.Add(environment);
            return environment;
        }
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

    /// <summary>Takes back an environment after its invocation: idle again for the next, or retired.</summary>
    public void Return(ExecutionEnvironment environment)
    {
        bool retire;
        EnvironmentSettings? replace = null;
        lock (_gate)
        {
            retire = _stopped || environment.State != EnvironmentState.Idle
                || !(ReferenceEquals(environment.Settings, _settings) || ReferenceEquals(environment.Settings, _provisioned));
            if (retire)
            {
                _all.Remove(environment);
                if (!_stopped && _provisioned is { } provisioned && ReferenceEquals(environment.Settings, provisioned))
                {
                    // Lambda keeps provisioned concurrency at its level: an environment lost to a crash or a timeout is replaced.
                    _provisionedReady--;
                    replace = provisioned;
                }
            }
            else
            {
                _idle.Push(environment);
            }
        }
        if (retire)
        {
            environment.RetireAsync().Observe(_settings.Logger, $"retiring {environment.Id}");
        }
        if (replace is not null)
        {
            ProvisionOneAsync(replace).Observe(_settings.Logger, $"starting a provisioned environment of {_settings.Configuration.Name}");
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
            environment.RetireAsync().Observe(_settings.Logger, $"retiring {environment.Id}");
        }
    }

    /// <summary>How far provisioning has got: environments asked for, environments ready, and why it failed if it did.</summary>
    public (int Requested, int Ready, string? Failure) ProvisionedStatus
    {
        get { lock (_gate) { return (_provisionedRequested, _provisionedReady, _provisionedFailure); } }
    }

    /// <summary>
    /// Initialises <paramref name="count"/> environments ahead of any invocation, with
    /// <paramref name="settings"/> (AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency), and keeps
    /// them warm; invocations take them first. Replaces any earlier provisioning. Completes when all
    /// are initialised (or have failed).
    /// </summary>
    public async Task ProvisionAsync(EnvironmentSettings settings, int count)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Deprovision();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            _provisioned = settings;
            _provisionedRequested = count;
            _provisionedReady = 0;
            _provisionedFailure = null;
        }
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ProvisionOneAsync(settings))).ConfigureAwait(false);
    }

    private async Task ProvisionOneAsync(EnvironmentSettings settings)
    {
        var environment = new ExecutionEnvironment(settings);
        lock (_gate)
        {
            _all.Add(environment);
        }
        var init = await environment.InitializeAsync().ConfigureAwait(false);
        bool keep;
        lock (_gate)
        {
            keep = init.Succeeded && !_stopped && ReferenceEquals(_provisioned, settings);
            if (keep)
            {
                _provisionedReady++;
                _idle.Push(environment);
            }
            else
            {
                _all.Remove(environment);
                if (!init.Succeeded && ReferenceEquals(_provisioned, settings))
                {
                    _provisionedFailure = "FUNCTION_ERROR_INIT_FAILURE: an environment failed to initialise; see the function log.";
                }
            }
        }
        if (!keep)
        {
            await environment.RetireAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Ends provisioning: idle provisioned environments retire now, busy ones when their invocation ends.</summary>
    public void Deprovision()
    {
        List<ExecutionEnvironment> retired;
        lock (_gate)
        {
            if (_provisioned is not { } provisioned)
            {
                return;
            }
            _provisioned = null;
            _provisionedRequested = 0;
            _provisionedReady = 0;
            _provisionedFailure = null;
            var all = _idle.Reverse().ToList();
            retired = all.Where(e => ReferenceEquals(e.Settings, provisioned)).ToList();
            _idle.Clear();
            foreach (var e in all.Where(e => !ReferenceEquals(e.Settings, provisioned)))
            {
                _idle.Push(e);
            }
            foreach (var e in retired)
            {
                _all.Remove(e);
            }
        }
        foreach (var environment in retired)
        {
            environment.RetireAsync().Observe(_settings.Logger, $"retiring {environment.Id}");
        }
    }

    /// <summary>Retires environments idle for longer than <paramref name="idleTime"/>.</summary>
    public void RetireIdle(TimeSpan idleTime)
    {
        var expired = new List<ExecutionEnvironment>();
        lock (_gate)
        {
            // Provisioned environments stay initialised for as long as the setting lasts, used or not.
            var keep = _idle.Where(e => ReferenceEquals(e.Settings, _provisioned) || Stopwatch.GetElapsedTime(e.LastUsed) < idleTime).Reverse().ToList();
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
            environment.RetireAsync().Observe(_settings.Logger, $"retiring {environment.Id}");
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
