using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Ember.Host.Environments.Isolation;
using Ember.Host.Invocations;
using Ember.Host.Logs;
using Ember.Host.RuntimeApi;
using Ember.Host.Wire;

namespace Ember.Host.Environments;

/// <summary>
/// One Lambda execution environment: a runtime process with its own Runtime API, running one
/// invocation at a time. Its lifecycle is <see cref="EnvironmentState"/>; every transition is
/// checked before anything changes.
/// </summary>
internal sealed class ExecutionEnvironment : IRuntimeApiHandler, IAsyncDisposable
{
    private const string NextPath = RuntimeApiHeaders.ApiVersionPrefix + "invocation/next";
    private const string InitErrorPath = RuntimeApiHeaders.ApiVersionPrefix + "init/error";
    private const string InvocationPrefix = RuntimeApiHeaders.ApiVersionPrefix + "invocation/";

    private readonly EnvironmentSettings _settings;
    private readonly Lock _gate = new();
    private readonly Channel<Invocation> _dispatch = Channel.CreateUnbounded<Invocation>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource<InvocationOutcome?> _init = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EnvironmentState _state = EnvironmentState.Created;
    private RuntimeApiServer? _api;
    private Process? _process;
    private IEnvironmentSandbox? _sandbox;
    private EnvironmentFreezer? _freezer;
    private ProcessOutputPump? _stdout;
    private ProcessOutputPump? _stderr;
    private Invocation? _current;
    private InvocationOutcome? _initError;
    private long _initStarted;
    private int _retired;
    private readonly Lock _sandboxGate = new();
    private bool _sandboxDisposed;
    private long _peakMb;

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

    /// <summary>
    /// The environment's peak memory at the end of its last invocation, in MB (what REPORT calls
    /// Max Memory Used). Read before the environment can be retired, so a killed one still reports it.
    /// </summary>
    public long MaxMemoryUsedMb { get; private set; }

    private long ReadPeakMb()
    {
        lock (_sandboxGate)
        {
            if (_sandbox is not null && !_sandboxDisposed)
            {
                _peakMb = Math.Max(_peakMb, (_sandbox.PeakMemoryBytes() + (1 << 20) - 1) >> 20);
            }
            return _peakMb;
        }
    }

    private void DisposeSandbox()
    {
        ReadPeakMb();
        lock (_sandboxGate)
        {
            _sandboxDisposed = true;
            _sandbox?.Dispose();
        }
    }

    /// <summary>From the start of init to the runtime process running: Ember's own share of a cold start.</summary>
    public TimeSpan SpawnDuration { get; private set; }

    /// <summary>Time spent freezing and thawing, kept out of Duration and reported separately.</summary>
    public TimeSpan FreezeThawTime => _freezer?.Spent ?? TimeSpan.Zero;

    /// <summary>Starts the process and waits until its runtime asks for the first invocation (the end of init).</summary>
    public async Task<InitResult> InitializeAsync(CancellationToken cancellationToken)
    {
        Transition(EnvironmentState.Initializing);
        _initStarted = Stopwatch.GetTimestamp();
        try
        {
            _api = RuntimeApiServer.Start(this, LambdaLimits.SyncPayloadBytes);
            _sandbox = _settings.Isolation.Create(Id, _settings.Configuration.MemoryMb);
            var start = BuildStartInfo(_api.Address);
            _sandbox.Prepare(start);
            _process = new Process { StartInfo = start, EnableRaisingEvents = true };
            _process.Exited += (_, _) => OnProcessExited();
            _process.Start();
            SpawnDuration = Stopwatch.GetElapsedTime(_initStarted);
            HostMetrics.SpawnDuration.Record(SpawnDuration.TotalMilliseconds);
            _sandbox.Attach(_process);
            _freezer = new EnvironmentFreezer(_sandbox, _settings.FreezeGrace);
            _process.StandardInput.Close();
            _stdout = new ProcessOutputPump(_process.StandardOutput.BaseStream, WriteOutput);
            _stderr = new ProcessOutputPump(_process.StandardError.BaseStream, WriteOutput);
        }
        catch (Exception e) when (e is Win32Exception or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            var failure = InvocationOutcome.HostError(InvocationOutcomeKind.StartFailure, ErrorTypes.RuntimeInvalidEntrypoint,
                $"could not start {_settings.Launch.FileName}: {e.Message}");
            _settings.Log.Write($"INIT_REPORT Init Duration: {Elapsed(_initStarted):F2} ms\tPhase: init\tStatus: error\tError Type: {ErrorTypes.RuntimeInvalidEntrypoint}");
            _settings.Log.Write(failure.Body.Length > 0 ? Encoding.UTF8.GetString(failure.Body.Span) : e.Message);
            await RetireAsync().ConfigureAwait(false);
            return new InitResult(TimeSpan.Zero, failure);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_settings.InitTimeout);
        InvocationOutcome? error;
        try
        {
            error = await _init.Task.WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            error = InvocationOutcome.HostError(InvocationOutcomeKind.FunctionError, ErrorTypes.RuntimeInitTimeout,
                $"Init timed out after {_settings.InitTimeout.TotalSeconds:F2} seconds");
            _settings.Log.Write($"INIT_REPORT Init Duration: {Elapsed(_initStarted):F2} ms\tPhase: init\tStatus: timeout");
        }
        var duration = Stopwatch.GetElapsedTime(_initStarted);
        if (error is not null)
        {
            await RetireAsync().ConfigureAwait(false);
            return new InitResult(duration, error);
        }
        return new InitResult(duration, null);
    }

    /// <summary>Runs one invocation to its end: a response, an error, the timeout or the process dying.</summary>
    public async Task<InvocationOutcome> InvokeAsync(Invocation invocation)
    {
        var timeout = TimeSpan.FromSeconds(_settings.Configuration.TimeoutSeconds);
        lock (_gate)
        {
            EnvironmentLifecycle.EnsureLegal(Id, _state, EnvironmentState.Busy);
            _state = EnvironmentState.Busy;
            _current = invocation;
        }
        _freezer?.EnsureRunning();

        invocation.DeadlineUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + (long)timeout.TotalMilliseconds;
        _settings.Log.Write(ReportLine.Start(invocation.RequestId, invocation.Version), invocation.Log);
        _dispatch.Writer.TryWrite(invocation);

        using (var timer = new CancellationTokenSource(timeout))
        using (timer.Token.Register(() => OnTimeout(invocation, timeout)))
        {
            await invocation.Outcome.ConfigureAwait(false);
        }
        var outcome = invocation.Outcome.Result;

        if (_stdout is not null && _stderr is not null)
        {
            await _stdout.DrainAsync(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
            await _stderr.DrainAsync(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
        }

        MaxMemoryUsedMb = ReadPeakMb();
        var reusable = outcome.Kind is InvocationOutcomeKind.Success or InvocationOutcomeKind.FunctionError or InvocationOutcomeKind.ResponseTooLarge;
        lock (_gate)
        {
            _current = null;
            LastUsed = Stopwatch.GetTimestamp();
            if (reusable && _state == EnvironmentState.Busy)
            {
                _state = EnvironmentState.Idle;
            }
            else
            {
                reusable = false;
            }
        }
        if (reusable)
        {
            _freezer?.ScheduleFreeze();
        }
        else
        {
            _ = RetireAsync();
        }
        return outcome;
    }

    private void OnTimeout(Invocation invocation, TimeSpan timeout)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"Task timed out after {timeout.TotalSeconds:F2} seconds");
        if (invocation.TryComplete(InvocationOutcome.HostError(InvocationOutcomeKind.Timeout, ErrorTypes.Sandbox,
                $"RequestId: {invocation.RequestId} Error: {message}")))
        {
            _settings.Log.Write($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {invocation.RequestId} {message}", invocation.Log);
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
        var oom = _sandbox?.OutOfMemoryKilled() ?? false;
        var reason = oom ? "signal: killed" : ExitReason(_process);
        var errorType = oom ? ErrorTypes.RuntimeOutOfMemory : ErrorTypes.RuntimeExitError;
        if (state == EnvironmentState.Initializing && !oom && _initError is null && ExitCode(_process) is 126 or 127)
        {
            // The sandbox's start wrapper execs the runtime; 126/127 is the shell saying it could not.
            errorType = ErrorTypes.RuntimeInvalidEntrypoint;
            reason = $"could not execute {_settings.Launch.FileName} ({(ExitCode(_process) == 127 ? "not found" : "not executable")})";
            _initError = InvocationOutcome.HostError(InvocationOutcomeKind.StartFailure, errorType, reason);
        }
        if (state == EnvironmentState.Initializing)
        {
            _init.TrySetResult(_initError ?? InvocationOutcome.HostError(InvocationOutcomeKind.FunctionError, errorType,
                $"Runtime exited with error: {reason}"));
            if (_initError is null)
            {
                _settings.Log.Write($"INIT_REPORT Init Duration: {Elapsed(_initStarted):F2} ms\tPhase: init\tStatus: error\tError Type: {errorType}");
            }
        }
        if (current is not null)
        {
            current.TryComplete(InvocationOutcome.HostError(InvocationOutcomeKind.Crash, errorType,
                $"RequestId: {current.RequestId} Error: Runtime exited with error: {reason}"));
        }
        _exited.TrySetResult();
        if (state is not EnvironmentState.Retired)
        {
            _ = RetireAsync();
        }
    }

    private static int? ExitCode(Process? process)
    {
        try
        {
            return process?.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string ExitReason(Process? process)
    {
        try
        {
            var code = process?.ExitCode ?? -1;
            // .NET reports death by signal N as 128 + N.
            return code switch
            {
                137 => "signal: killed",
                134 => "signal: aborted",
                139 => "signal: segmentation fault",
                143 => "signal: terminated",
                _ => $"exit status {code}",
            };
        }
        catch (InvalidOperationException)
        {
            return "exit status unknown";
        }
    }

    /// <inheritdoc />
    public async ValueTask<RuntimeApiResponse> HandleAsync(RuntimeApiRequest request, CancellationToken connectionClosed)
    {
        var path = request.Path;
        if (path == NextPath)
        {
            return request.Method == "GET"
                ? await NextAsync(connectionClosed).ConfigureAwait(false)
                : MethodNotAllowed();
        }
        if (request.Method != "POST")
        {
            return path.StartsWith(RuntimeApiHeaders.ApiVersionPrefix, StringComparison.Ordinal)
                ? MethodNotAllowed()
                : NotFound(path);
        }
        if (path == InitErrorPath)
        {
            return InitError(request);
        }
        if (path.StartsWith(InvocationPrefix, StringComparison.Ordinal))
        {
            var rest = path.AsSpan(InvocationPrefix.Length);
            var slash = rest.IndexOf('/');
            if (slash > 0)
            {
                var id = rest[..slash].ToString();
                var verb = rest[(slash + 1)..];
                if (verb.SequenceEqual("response"))
                {
                    return Respond(id, request);
                }
                if (verb.SequenceEqual("error"))
                {
                    return ReportError(id, request);
                }
            }
        }
        return NotFound(path);
    }

    private async ValueTask<RuntimeApiResponse> NextAsync(CancellationToken connectionClosed)
    {
        lock (_gate)
        {
            if (_state == EnvironmentState.Initializing)
            {
                _state = EnvironmentState.Idle;
                _init.TrySetResult(null);
            }
        }

        Invocation invocation;
        try
        {
            invocation = await _dispatch.Reader.ReadAsync(connectionClosed).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return RuntimeApiResponse.Error(410, "EnvironmentGone", "the environment is shutting down", close: true);
        }
        if (invocation.IsCompleted)
        {
            // Timed out before the runtime came for it: nothing to run. Ask again.
            return await NextAsync(connectionClosed).ConfigureAwait(false);
        }

        invocation.Dispatched = Stopwatch.GetTimestamp();
        var response = new RuntimeApiResponse { Status = 200, Body = invocation.Payload };
        response.Headers.Add(new(RuntimeApiHeaders.RequestId, invocation.RequestId));
        response.Headers.Add(new(RuntimeApiHeaders.DeadlineMs, invocation.DeadlineUnixMs.ToString(CultureInfo.InvariantCulture)));
        response.Headers.Add(new(RuntimeApiHeaders.InvokedFunctionArn, invocation.InvokedFunctionArn));
        response.Headers.Add(new(RuntimeApiHeaders.TraceId, invocation.TraceId));
        if (invocation.ClientContext is not null)
        {
            response.Headers.Add(new(RuntimeApiHeaders.ClientContext, invocation.ClientContext));
        }
        if (invocation.CognitoIdentity is not null)
        {
            response.Headers.Add(new(RuntimeApiHeaders.CognitoIdentity, invocation.CognitoIdentity));
        }
        return response;
    }

    private RuntimeApiResponse Respond(string requestId, RuntimeApiRequest request)
    {
        if (CurrentInvocation(requestId) is not { } invocation)
        {
            return UnknownRequest(requestId);
        }
        if (request.BodyTooLarge)
        {
            invocation.TryComplete(InvocationOutcome.HostError(InvocationOutcomeKind.ResponseTooLarge, ErrorTypes.ResponseSizeTooLarge,
                $"Response payload size exceeded maximum allowed payload size ({LambdaLimits.SyncPayloadBytes} bytes)."));
            return RuntimeApiResponse.Error(413, ErrorTypes.ResponseSizeTooLarge,
                $"Response payload size exceeded maximum allowed payload size ({LambdaLimits.SyncPayloadBytes} bytes).");
        }
        // A streamed response reports a failure mid-stream in its trailers.
        if (request.Trailers?.GetValueOrDefault(RuntimeApiHeaders.FunctionErrorType) is { } streamedErrorType)
        {
            var body = request.Trailers.GetValueOrDefault(RuntimeApiHeaders.FunctionErrorBody) is { } b64 && TryBase64(b64, out var decoded)
                ? decoded
                : Encoding.UTF8.GetBytes($"{{\"errorType\":{Json.Quote(streamedErrorType)},\"errorMessage\":\"\"}}");
            invocation.TryComplete(new InvocationOutcome(InvocationOutcomeKind.FunctionError, body, streamedErrorType));
            return RuntimeApiResponse.Accepted();
        }
        return invocation.TryComplete(InvocationOutcome.Success(request.Body))
            ? RuntimeApiResponse.Accepted()
            : UnknownRequest(requestId);
    }

    private RuntimeApiResponse ReportError(string requestId, RuntimeApiRequest request)
    {
        if (CurrentInvocation(requestId) is not { } invocation)
        {
            return UnknownRequest(requestId);
        }
        var (body, errorType) = ErrorBody(request);
        return invocation.TryComplete(new InvocationOutcome(InvocationOutcomeKind.FunctionError, body, errorType))
            ? RuntimeApiResponse.Accepted()
            : UnknownRequest(requestId);
    }

    private RuntimeApiResponse InitError(RuntimeApiRequest request)
    {
        lock (_gate)
        {
            if (_state != EnvironmentState.Initializing)
            {
                return RuntimeApiResponse.Error(403, "InvalidStateTransition", "init/error is only accepted during init");
            }
        }
        var (body, errorType) = ErrorBody(request);
        _initError = new InvocationOutcome(InvocationOutcomeKind.FunctionError, body, errorType);
        _settings.Log.Write($"INIT_REPORT Init Duration: {Elapsed(_initStarted):F2} ms\tPhase: init\tStatus: error\tError Type: {errorType}");
        _init.TrySetResult(_initError);
        return RuntimeApiResponse.Accepted();
    }

    private static (ReadOnlyMemory<byte> Body, string ErrorType) ErrorBody(RuntimeApiRequest request)
    {
        var errorType = request.Header(RuntimeApiHeaders.FunctionErrorType);
        if (request.Body.Length > 0)
        {
            // Runtime clients send the header as "Unhandled"; the body names the real type.
            if (errorType is null or "Unhandled")
            {
                errorType = ErrorTypeFromBody(request.Body) ?? errorType ?? ErrorTypes.RuntimeUnknown;
            }
            return (request.Body, errorType);
        }
        errorType ??= ErrorTypes.RuntimeUnknown;
        return (Encoding.UTF8.GetBytes($"{{\"errorType\":{Json.Quote(errorType)},\"errorMessage\":\"\"}}"), errorType);
    }

    private static string? ErrorTypeFromBody(byte[] body)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("errorType"u8);
                reader.Read();
                if (isType && reader.TokenType == System.Text.Json.JsonTokenType.String)
                {
                    return reader.GetString();
                }
                reader.Skip();
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return null;
    }

    private Invocation? CurrentInvocation(string requestId)
    {
        lock (_gate)
        {
            return _state == EnvironmentState.Busy && _current is { } c && c.RequestId == requestId && !c.IsCompleted ? c : null;
        }
    }

    private static RuntimeApiResponse UnknownRequest(string requestId) =>
        RuntimeApiResponse.Error(400, "InvalidRequestID", $"request id {requestId} is not this environment's current invocation");

    private static RuntimeApiResponse NotFound(string path) =>
        RuntimeApiResponse.Error(404, "InvalidRequest", $"no Runtime API route {path}");

    private static RuntimeApiResponse MethodNotAllowed() =>
        RuntimeApiResponse.Error(405, "InvalidRequest", "method not allowed on this Runtime API route");

    private static bool TryBase64(string text, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
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

    private ProcessStartInfo BuildStartInfo(string runtimeApi)
    {
        var config = _settings.Configuration;
        var launch = _settings.Launch;
        var start = new ProcessStartInfo(launch.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = config.CodeDirectory,
        };
        foreach (var argument in launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A Lambda environment starts clean: only what Lambda sets, then the function's own variables.
        var env = start.Environment;
        var inherited = new Dictionary<string, string?>(env);
        env.Clear();
        env["PATH"] = "/usr/local/bin:/usr/bin:/bin:/opt/bin" + (inherited.GetValueOrDefault("PATH") is { Length: > 0 } p ? ":" + p : "");
        env["LD_LIBRARY_PATH"] = $"{config.CodeDirectory}:{config.CodeDirectory}/lib:/lib64:/usr/lib64";
        env["LANG"] = "en_US.UTF-8";
        env["TZ"] = ":UTC";
        foreach (var passThrough in new[] { "DOTNET_ROOT", "HOME" })
        {
            if (inherited.GetValueOrDefault(passThrough) is { } value)
            {
                env[passThrough] = value;
            }
        }
        env["_HANDLER"] = config.Handler;
        env["AWS_REGION"] = _settings.Region;
        env["AWS_DEFAULT_REGION"] = _settings.Region;
        if (launch.ExecutionEnv is not null)
        {
            env["AWS_EXECUTION_ENV"] = launch.ExecutionEnv;
        }
        env["AWS_LAMBDA_FUNCTION_NAME"] = config.Name;
        env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = config.MemoryMb.ToString(CultureInfo.InvariantCulture);
        env["AWS_LAMBDA_FUNCTION_VERSION"] = _settings.Version;
        env["AWS_LAMBDA_INITIALIZATION_TYPE"] = _settings.InitializationType;
        env["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + config.Name;
        env["AWS_LAMBDA_LOG_STREAM_NAME"] = LogStreamName;
        env["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        env["LAMBDA_TASK_ROOT"] = config.CodeDirectory;
        env["LAMBDA_RUNTIME_DIR"] = launch.RuntimeDirectory;
        if (config.PerEnvironmentConcurrency > 1)
        {
            env["AWS_LAMBDA_MAX_CONCURRENCY"] = config.PerEnvironmentConcurrency.ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in _settings.Credentials)
        {
            env[key] = value;
        }
        foreach (var (key, value) in config.Environment)
        {
            env[key] = value;
        }
        return start;
    }

    private void Transition(EnvironmentState to)
    {
        lock (_gate)
        {
            EnvironmentLifecycle.EnsureLegal(Id, _state, to);
            _state = to;
        }
    }

    private static double Elapsed(long since) => Stopwatch.GetElapsedTime(since).TotalMilliseconds;

    /// <summary>Shuts the environment down: SIGTERM, a grace period, SIGKILL; then frees its port and sandbox.</summary>
    public async Task RetireAsync()
    {
        if (Interlocked.Exchange(ref _retired, 1) == 1)
        {
            await _exited.Task.ConfigureAwait(false);
            return;
        }
        lock (_gate)
        {
            _state = EnvironmentState.Retired;
        }
        _dispatch.Writer.TryComplete();
        var process = _process;
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    // A frozen process cannot act on SIGTERM (nor, under cgroup v1, die of SIGKILL).
                    _freezer?.Dispose();
                    // SIGTERM first, as Lambda's SHUTDOWN phase does.
                    _ = Kill(process.Id, 15);
                    using var grace = new CancellationTokenSource(_settings.ShutdownGrace);
                    try
                    {
                        await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        process.Kill(entireProcessTree: true);
                        await process.WaitForExitAsync().ConfigureAwait(false);
                    }
                }
            }
            catch (InvalidOperationException)
            {
            }
        }
        // The sandbox goes first: disposing it kills whatever the runtime left in it, such as a
        // child still holding the output pipes, so the pumps can reach the end of their streams.
        _freezer?.Dispose();
        DisposeSandbox();
        await Task.WhenAny(Task.WhenAll(_stdout?.Completion ?? Task.CompletedTask, _stderr?.Completion ?? Task.CompletedTask),
            Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        _exited.TrySetResult();
        _init.TrySetResult(_initError ?? InvocationOutcome.HostError(InvocationOutcomeKind.StartFailure, ErrorTypes.RuntimeUnknown, "the environment was retired during init"));
        if (_api is not null)
        {
            await _api.DisposeAsync().ConfigureAwait(false);
        }
        process?.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public async ValueTask DisposeAsync() => await RetireAsync().ConfigureAwait(false);
}
