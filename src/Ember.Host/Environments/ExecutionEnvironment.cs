using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Ember.Host.Environments.Isolation;
using Ember.Host.Invocations;
using Ember.Host.Logs;
using Ember.Host.RuntimeApi;
using Ember.Host.Runtimes;
using Ember.Host.Wire;

namespace Ember.Host.Environments;

/// <summary>
/// One Lambda execution environment: a runtime process (<see cref="EnvironmentProcess"/>) in its
/// sandbox, with its own Runtime API, running one invocation at a time. This type is its lifecycle
/// (<see cref="EnvironmentState"/>): every change of state goes through <see cref="TryTransition"/>,
/// which checks it against <see cref="EnvironmentLifecycle"/> under one lock.
/// </summary>
internal sealed class ExecutionEnvironment : IRuntimeApiSession, IAsyncDisposable
{
    private static readonly TimeSpan s_outputDrain = TimeSpan.FromMilliseconds(50);

    private readonly EnvironmentSettings _settings;
    private readonly Lock _gate = new();
    private readonly Channel<Invocation> _dispatch = Channel.CreateUnbounded<Invocation>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource<InvocationOutcome?> _init = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _retired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _sandboxGate = new();
    private EnvironmentState _state = EnvironmentState.Created;
    private string? _tempDirectory;
    private RuntimeApiServer? _api;
    private EnvironmentProcess? _process;
    private IEnvironmentSandbox? _sandbox;
    private EnvironmentFreezer? _freezer;
    private Invocation? _current;
    private long _initStarted;
    private long _initEnded;
    private bool _invokePhaseInit;
    private bool _sandboxDisposed;
    private long _peakMb;
    private ResidentMemory? _initResident;

    public ExecutionEnvironment(EnvironmentSettings settings)
    {
        _settings = settings;
        Id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        LogStreamName = $"{DateTime.UtcNow:yyyy/MM/dd}/[{settings.Version}]{Id}";
    }

    public string Id { get; }
    public string LogStreamName { get; }
    public EnvironmentSettings Settings => _settings;
    public EnvironmentState State { get { lock (_gate) { return _state; } } }
    public int? ProcessId => _process?.Id;
    public string? RuntimeApiAddress => _api?.Address;

    /// <summary>When the environment last finished an invocation (Stopwatch timestamp), for idle retirement.</summary>
    public long LastUsed { get; private set; } = Stopwatch.GetTimestamp();

    /// <summary>From the start of init to the runtime process running: Ember's own share of a cold start.</summary>
    public TimeSpan SpawnDuration { get; private set; }

    /// <summary>Time spent freezing and thawing, kept out of Duration and reported separately.</summary>
    public TimeSpan FreezeThawTime => _freezer?.Spent ?? TimeSpan.Zero;

    private InvocationLogWriter Platform => _settings.Log.Platform;

    /// <summary>
    /// Starts the process and waits until its runtime asks for the first invocation (the end of
    /// init), an init error, its exit, or the init timeout. Nobody's request can cut it short: as on
    /// Lambda, an init carries on when the caller that caused it goes away. <paramref name="limit"/>
    /// is the init limit (10 s), or, for the retry Lambda makes within the first invocation after an
    /// init timed out (<paramref name="invokePhase"/>), the function's timeout.
    /// </summary>
    public async Task<InitResult> InitializeAsync(TimeSpan? limit = null, bool invokePhase = false)
    {
        var initLimit = limit ?? _settings.InitTimeout;
        Transition(EnvironmentState.Created, EnvironmentState.Initializing);
        _settings.Metrics?.Environments.Add(1, EmberMetrics.Function(_settings.Configuration.Name));
        _invokePhaseInit = invokePhase;
        _initStarted = Stopwatch.GetTimestamp();
        // A substituted interpreter (--python-compat) is said where Lambda names the runtime version.
        var runtimeVersion = RuntimeVersion.For(_settings.Configuration.Runtime);
        Platform.InitStart(_settings.Launch.Substitution is { } substitution ? $"{runtimeVersion} ({substitution})" : runtimeVersion,
            RuntimeVersion.Arn(_settings.Configuration.Runtime, _settings.Region));
        try
        {
            _api = RuntimeApiServer.Start(new RuntimeApiRouter(this, LambdaLimits.SyncResponseBytes), LambdaLimits.SyncResponseBytes, RefusalOf, _settings.Logger);
            _sandbox = _settings.Isolation.Create(Id, _settings.Configuration.MemoryMb);
            var identity = _settings.Users?.Next();
            _tempDirectory = _settings.TempRoot?.Create(Id, identity);
            var start = EnvironmentProcess.StartInfo(_settings, _api.Address, LogStreamName, _tempDirectory, identity);
            _process = EnvironmentProcess.Start(start, _sandbox, WriteOutput, OnProcessExited);
            HostLog.EnvironmentStarted(_settings.Logger, _settings.Configuration.Name, Id, _process.Id,
                identity is { } user ? $"uid {user.Uid}" : "the host's user");
            SpawnDuration = Stopwatch.GetElapsedTime(_initStarted);
            _settings.Metrics?.SpawnDuration.Record(SpawnDuration.TotalSeconds, EmberMetrics.Function(_settings.Configuration.Name));
            _freezer = new EnvironmentFreezer(_sandbox, _settings.FreezeGrace);
        }
        catch (Exception e) when (e is Win32Exception or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            var failure = InvocationOutcome.HostError(InvocationOutcomeKind.StartFailure, ErrorTypes.RuntimeInvalidEntrypoint,
                $"could not start {_settings.Launch.FileName}: {e.Message}");
            TryEndInit(failure);
            HostLog.StartFailed(_settings.Logger, _settings.Configuration.Name, Id, e.Message);
            _settings.Log.Write(Encoding.UTF8.GetString(failure.Body.Span));
            await RetireAsync().ConfigureAwait(false);
            return new InitResult(Stopwatch.GetElapsedTime(_initStarted), failure, ReadPeakMb());
        }

        InvocationOutcome? error;
        try
        {
            error = await _init.Task.WaitAsync(initLimit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // TryEndInit decides between the timeout and whatever else ends init at the same moment.
            var timedOut = invokePhase
                ? InvocationOutcome.HostError(InvocationOutcomeKind.Timeout, ErrorTypes.Sandbox,
                    string.Create(CultureInfo.InvariantCulture, $"Task timed out after {initLimit.TotalSeconds:F2} seconds"))
                : InvocationOutcome.HostError(InvocationOutcomeKind.FunctionError, ErrorTypes.RuntimeInitTimeout,
                    string.Create(CultureInfo.InvariantCulture, $"Init timed out after {initLimit.TotalSeconds:F2} seconds"));
            TryEndInit(timedOut, timedOut: true);
            error = await _init.Task.ConfigureAwait(false);
        }
        if (error is not null)
        {
            var elapsed = Stopwatch.GetElapsedTime(_initStarted);
            await RetireAsync().ConfigureAwait(false);
            return new InitResult(elapsed, error, ReadPeakMb());
        }
        return new InitResult(Stopwatch.GetElapsedTime(_initStarted, _initEnded), null, ReadPeakMb(), _initResident);
    }

    /// <summary>
    /// Why a Runtime API connection is refused: no process of this environment holds its client
    /// end. Another environment's function (which can learn the address from /proc or by scanning
    /// loopback ports) must not take this one's invocations or answer them.
    /// </summary>
    private string? RefusalOf(IPEndPoint client, IPEndPoint server)
    {
        if (_sandbox is { } sandbox && LoopbackPeer.IsHeldBy(client, server, sandbox.ProcessIds()))
        {
            return null;
        }
        if (State != EnvironmentState.Retired)
        {
            // (A retiring environment's own runtime may reconnect as it dies, when no process holds anything any more.)
            _settings.Log.Write(string.Create(CultureInfo.InvariantCulture,
                $"ember: the Runtime API refused a connection from 127.0.0.1:{client.Port}, which no process of this environment holds"));
            HostLog.RuntimeApiRefused(_settings.Logger, _settings.Configuration.Name, Id, client.Port);
        }
        return "This Runtime API serves only the processes of its own execution environment.";
    }

    /// <summary>
    /// Runs one invocation to its end (a response, an error, the timeout or the process dying) and
    /// reports it. The environment is Idle again, or retiring, by the time the report exists.
    /// </summary>
    public async Task<InvocationReport> InvokeAsync(Invocation invocation)
    {
        var timeout = TimeSpan.FromSeconds(_settings.Configuration.TimeoutSeconds);
        lock (_gate)
        {
            Transition(EnvironmentState.Idle, EnvironmentState.Busy);
            _current = invocation;
        }
        _freezer?.EnsureRunning();
        _settings.CpuDemand?.Add(_settings.Configuration.MemoryMb);

        invocation.DeadlineUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (long)timeout.TotalMilliseconds;
        _dispatch.Writer.TryWrite(invocation);
        using (var timer = new CancellationTokenSource(timeout))
        using (timer.Token.Register(() => OnTimeout(invocation, timeout)))
        {
            await invocation.Outcome.ConfigureAwait(false);
        }
        var outcome = invocation.Outcome.Result;
        _settings.CpuDemand?.Remove(_settings.Configuration.MemoryMb);

        if (_process is not null)
        {
            await _process.DrainOutputAsync(s_outputDrain).ConfigureAwait(false);
        }
        // What the group was charged, and the processes' resident sets as they are now: their high-water marks
        // (a /proc/PID/status each, a tenth of the host's CPU per warm invocation) were read at the end of init.
        var report = new InvocationReport(outcome, invocation.Dispatched, invocation.Ended, ReadPeakMb(exact: false), Id);

        var reusable = outcome.Kind is InvocationOutcomeKind.Success or InvocationOutcomeKind.FunctionError or InvocationOutcomeKind.ResponseTooLarge;
        lock (_gate)
        {
            _current = null;
            LastUsed = Stopwatch.GetTimestamp();
            reusable = reusable && TryTransition(EnvironmentState.Busy, EnvironmentState.Idle);
        }
        if (reusable)
        {
            _freezer?.ScheduleFreeze();
        }
        else
        {
            RetireAsync().Observe(_settings.Logger, $"retiring {Id}");
        }
        return report;
    }

    /// <summary>
    /// The one place init ends, once: the first of the runtime's first /next (<paramref name="failure"/>
    /// null), its init error, its exit, the init limit, or a failure to start moves the environment out
    /// of Initializing (to Idle or InitFailed) under the lifecycle's lock; the others find it moved and
    /// change nothing. Retirement during init is the only other end (<see cref="RetireAsync"/>).
    /// </summary>
    private bool TryEndInit(InvocationOutcome? failure, bool timedOut = false)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (!TryTransition(EnvironmentState.Initializing, failure is null ? EnvironmentState.Idle : EnvironmentState.InitFailed))
            {
                return false;
            }
            if (failure is null)
            {
                _initEnded = now;
            }
        }
        if (failure is null)
        {
            WithSandbox(sandbox =>
            {
                // What the init touched, while the runtime waits on its first /next (a few /proc reads, cold starts only).
                _initResident = ResidentMemory.Of(sandbox.ProcessIds());
                // From here on the environment runs on its memory size's share of CPU, as on Lambda.
                sandbox.EndInit();
            });
        }
        else
        {
            InitFailed(timedOut, timedOut ? null : failure.ErrorType);
        }
        _init.TrySetResult(failure);
        return true;
    }

    /// <summary>Writes a failed init's platform line (INIT_REPORT) and the host's event.</summary>
    private void InitFailed(bool timedOut, string? errorType)
    {
        var elapsed = Stopwatch.GetElapsedTime(_initStarted);
        Platform.InitFailed(elapsed, timedOut, errorType, _invokePhaseInit);
        HostLog.InitFailed(_settings.Logger, _settings.Configuration.Name, Id, elapsed.TotalMilliseconds,
            timedOut ? ErrorTypes.RuntimeInitTimeout : errorType ?? ErrorTypes.RuntimeUnknown);
    }

    private void OnTimeout(Invocation invocation, TimeSpan timeout)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"Task timed out after {timeout.TotalSeconds:F2} seconds");
        if (invocation.TryComplete(InvocationOutcome.HostError(InvocationOutcomeKind.Timeout, ErrorTypes.Sandbox,
                $"RequestId: {invocation.RequestId} Error: {message}")))
        {
            Platform.Line($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {invocation.RequestId} {message}", invocation.Log);
            HostLog.TimedOut(_settings.Logger, _settings.Configuration.Name, Id, invocation.RequestId, timeout.TotalSeconds);
        }
    }

    private void OnProcessExited()
    {
        Invocation? current;
        EnvironmentState state;
        lock (_gate)
        {
            current = _current;
            state = _state;
        }
        var process = _process;
        var oom = _sandbox?.OutOfMemoryKilled() ?? false;
        var reason = oom ? "signal: killed" : process?.ExitReason ?? "exit status unknown";
        var errorType = oom ? ErrorTypes.RuntimeOutOfMemory : ErrorTypes.RuntimeExitError;
        if (state == EnvironmentState.Initializing)
        {
            var kind = InvocationOutcomeKind.FunctionError;
            if (!oom && process?.ExitCode is 126 or 127)
            {
                // The sandbox's start wrapper execs the runtime; 126/127 is the shell saying it could not.
                kind = InvocationOutcomeKind.StartFailure;
                errorType = ErrorTypes.RuntimeInvalidEntrypoint;
                reason = $"could not execute {_settings.Launch.FileName} ({(process.ExitCode == 127 ? "not found" : "not executable")})";
            }
            TryEndInit(InvocationOutcome.HostError(kind, errorType,
                kind == InvocationOutcomeKind.StartFailure ? reason : $"Runtime exited with error: {reason}"));
        }
        var crash = current is null ? null : $"RequestId: {current.RequestId} Error: Runtime exited with error: {reason}";
        if (current is not null && current.TryComplete(InvocationOutcome.HostError(InvocationOutcomeKind.Crash, errorType, crash!)))
        {
            // As Lambda logs a crash between START and END: the error, then its type on a line of its own.
            Platform.Line(crash!, current.Log);
            Platform.Line(errorType, current.Log);
            HostLog.RuntimeCrashed(_settings.Logger, _settings.Configuration.Name, Id, reason, current.RequestId);
        }
        else
        {
            HostLog.RuntimeExited(_settings.Logger, _settings.Configuration.Name, Id, reason);
        }
        if (oom)
        {
            HostLog.OutOfMemory(_settings.Logger, _settings.Configuration.Name, Id, _settings.Configuration.MemoryMb, current?.RequestId);
        }
        RetireAsync().Observe(_settings.Logger, $"retiring {Id}");
    }

    /// <inheritdoc />
    public async ValueTask<Invocation?> NextAsync(CancellationToken connectionClosed)
    {
        // The first /next ends init, unless init already ended otherwise (an init error, the timeout).
        TryEndInit(null);
        while (true)
        {
            Invocation invocation;
            try
            {
                invocation = await _dispatch.Reader.ReadAsync(connectionClosed).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                return null;
            }
            // One that timed out before the runtime came for it has nothing left to run.
            if (invocation.TryDispatch())
            {
                return invocation;
            }
        }
    }

    /// <inheritdoc />
    public RuntimeApiCall Respond(string requestId, ReadOnlyMemory<byte> body) =>
        Complete(requestId, InvocationOutcome.Success(body));

    /// <inheritdoc />
    public RuntimeApiCall RespondTooLarge(string requestId) =>
        Complete(requestId, InvocationOutcome.HostError(InvocationOutcomeKind.ResponseTooLarge, ErrorTypes.ResponseSizeTooLarge,
            RuntimeApiRouter.TooLargeMessage(LambdaLimits.SyncResponseBytes)));

    /// <inheritdoc />
    public async ValueTask<RuntimeApiCall> RespondStreamingAsync(string requestId, ResponseStream stream)
    {
        Invocation? current;
        lock (_gate)
        {
            current = _state == EnvironmentState.Busy && _current is { } c && c.RequestId == requestId && c.State == InvocationState.Dispatched ? c : null;
        }
        if (current is null)
        {
            await stream.DrainAsync().ConfigureAwait(false);
            return RuntimeApiCall.UnknownRequest;
        }
        byte[]? gathered = [];
        stream.ExecutedVersion = current.Version;
        if (current.OnStream is { } relay)
        {
            try
            {
                await relay(stream).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // The caller went away mid-stream: as on Lambda, the function runs on; the rest is dropped.
            }
            await stream.DrainAsync().ConfigureAwait(false);
        }
        else
        {
            // A caller that takes one response gets the stream gathered, up to the synchronous response limit.
            gathered = await stream.ReadAllAsync(LambdaLimits.SyncResponseBytes).ConfigureAwait(false);
        }
        if (stream.Cut)
        {
            // A runtime that breaks off its stream (or garbles it) has not answered: an error, never half a success.
            return Error(requestId, new FunctionError(ErrorTypes.RuntimeUnknown, Encoding.UTF8.GetBytes(
                $"{{\"errorType\":\"{ErrorTypes.RuntimeUnknown}\",\"errorMessage\":\"The runtime's streamed response broke off after {stream.BytesRelayed} bytes, or was not valid chunked encoding.\"}}")));
        }
        if (RuntimeApiRouter.TrailerError(stream.Trailers) is { } error)
        {
            return Error(requestId, error);
        }
        return gathered is null ? RespondTooLarge(requestId) : Respond(requestId, gathered);
    }

    /// <inheritdoc />
    public RuntimeApiCall Error(string requestId, FunctionError error) =>
        Complete(requestId, new InvocationOutcome(InvocationOutcomeKind.FunctionError, error.Body, error.ErrorType));

    /// <inheritdoc />
    public RuntimeApiCall InitError(FunctionError error) =>
        TryEndInit(new InvocationOutcome(InvocationOutcomeKind.FunctionError, error.Body, error.ErrorType))
            ? RuntimeApiCall.Accepted
            : RuntimeApiCall.InvalidState;

    private RuntimeApiCall Complete(string requestId, InvocationOutcome outcome)
    {
        Invocation? current;
        lock (_gate)
        {
            current = _state == EnvironmentState.Busy && _current is { } c && c.RequestId == requestId ? c : null;
        }
        if (current is not null && DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() > current.DeadlineUnixMs)
        {
            // An answer after the deadline does not count, however late the timer is on a busy host:
            // as on Lambda, the invocation has timed out.
            OnTimeout(current, TimeSpan.FromSeconds(_settings.Configuration.TimeoutSeconds));
            return RuntimeApiCall.UnknownRequest;
        }
        return current is not null && current.TryComplete(outcome) ? RuntimeApiCall.Accepted : RuntimeApiCall.UnknownRequest;
    }

    private void WriteOutput(string line)
    {
        Invocation? current;
        lock (_gate)
        {
            current = _current;
        }
        _settings.Log.Write(line, current?.Log);
    }

    /// <summary>Peak memory so far in MB (what REPORT calls Max Memory Used); the last figure once the sandbox is gone.</summary>
    private long ReadPeakMb(bool exact = true)
    {
        lock (_sandboxGate)
        {
            if (_sandbox is not null && !_sandboxDisposed)
            {
                _peakMb = Math.Max(_peakMb, (_sandbox.PeakMemoryBytes(exact) + (1 << 20) - 1) >> 20);
            }
            return _peakMb;
        }
    }

    private void WithSandbox(Action<IEnvironmentSandbox> action)
    {
        lock (_sandboxGate)
        {
            if (_sandbox is not null && !_sandboxDisposed)
            {
                action(_sandbox);
            }
        }
    }

    /// <summary>The one place the state changes: <paramref name="from"/> → <paramref name="to"/>, if that is where it is and the move is legal.</summary>
    private bool TryTransition(EnvironmentState from, EnvironmentState to)
    {
        lock (_gate)
        {
            if (_state != from || !EnvironmentLifecycle.IsLegal(from, to))
            {
                return false;
            }
            _state = to;
            HostLog.EnvironmentTransition(_settings.Logger, _settings.Configuration.Name, Id, from, to);
            return true;
        }
    }

    private void Transition(EnvironmentState from, EnvironmentState to)
    {
        lock (_gate)
        {
            if (!TryTransition(from, to))
            {
                throw IllegalTransitionException.Between(Id, _state, to);
            }
        }
    }

    /// <summary>Shuts the environment down: SIGTERM, a grace period, SIGKILL; then frees its port and sandbox. Idempotent.</summary>
    public async Task RetireAsync()
    {
        bool first;
        lock (_gate)
        {
            first = TryTransition(_state, EnvironmentState.Retired);
        }
        if (!first)
        {
            await _retired.Task.ConfigureAwait(false);
            return;
        }
        if (_initStarted != 0)
        {
            _settings.Metrics?.Environments.Add(-1, EmberMetrics.Function(_settings.Configuration.Name));
        }
        _dispatch.Writer.TryComplete();
        // A frozen process cannot act on SIGTERM (nor, under cgroup v1, die of SIGKILL).
        _freezer?.Dispose();
        if (_process is not null)
        {
            await _process.StopAsync(_settings.ShutdownGrace).ConfigureAwait(false);
        }
        // The sandbox goes first: disposing it kills whatever the runtime left in it, such as a
        // child still holding the output pipes, so the output can reach its end.
        ReadPeakMb();
        lock (_sandboxGate)
        {
            _sandboxDisposed = true;
            _sandbox?.Dispose();
        }
        if (_process is not null)
        {
            await _process.OutputClosedAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        _init.TrySetResult(InvocationOutcome.HostError(InvocationOutcomeKind.StartFailure, ErrorTypes.RuntimeUnknown,
            "the environment was retired during init"));
        if (_api is not null)
        {
            await _api.DisposeAsync().ConfigureAwait(false);
        }
        _process?.Dispose();
        if (_tempDirectory is not null)
        {
            Folders.RemoveQuietly(_tempDirectory);
        }
        _retired.TrySetResult();
    }

    public async ValueTask DisposeAsync() => await RetireAsync().ConfigureAwait(false);
}
