using Ember.Host.Environments;
using Ember.Host.Functions;
using Ember.Host.Logs;
using Ember.Host.Records;
using Ember.Host.Wire;

namespace Ember.Host.Invocations;

/// <summary>
/// The one path every invocation takes, whoever asked (Invoke API, Function URL, Event queue):
/// find the function, apply the concurrency limits, run it in an environment, then write END and
/// REPORT and keep the record.
/// </summary>
internal sealed class InvocationService
{
    private readonly FunctionCatalog _functions;
    private readonly InvocationStore _store;
    private readonly HostOptions _options;
    private readonly Microsoft.Extensions.Logging.ILogger _logger;
    private int _inFlight;

    public InvocationService(FunctionCatalog functions, InvocationStore store, HostOptions options)
    {
        _functions = functions;
        _store = store;
        _options = options;
        _logger = functions.Loggers.CreateLogger(HostLog.Invocations);
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Runs one invocation to its end. <paramref name="cancellationToken"/> only stops one that has
    /// not been admitted yet: once running it goes on (as on Lambda, where a caller that hangs up
    /// does not stop the function) and its environment stays warm for the next.
    /// </summary>
    public async Task<InvokeResult> InvokeAsync(InvokeRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var function = request.Function;
        if ((function is null && !_functions.TryGet(request.FunctionName, out function))
            || !function.TryResolve(request.Qualifier, Random.Shared.NextDouble(), out var pool, out var version))
        {
            var arn = HostIdentity.FunctionArn(_options.Region, request.FunctionName, request.Qualifier);
            return InvokeResult.NotFound(arn);
        }
        if (Interlocked.Increment(ref _inFlight) > _options.ConcurrencyLimit)
        {
            Interlocked.Decrement(ref _inFlight);
            HostLog.Throttled(_logger, request.FunctionName, ErrorTypes.ConcurrencyExceeded);
            _functions.Metrics.Throttles.Add(1, EmberMetrics.Function(request.FunctionName), new("ember.throttle.reason", ErrorTypes.ConcurrencyExceeded));
            return InvokeResult.Throttled(ErrorTypes.ConcurrencyExceeded);
        }
        if (!function.TryEnter())
        {
            Interlocked.Decrement(ref _inFlight);
            HostLog.Throttled(_logger, request.FunctionName, ErrorTypes.ReservedConcurrencyExceeded);
            _functions.Metrics.Throttles.Add(1, EmberMetrics.Function(request.FunctionName), new("ember.throttle.reason", ErrorTypes.ReservedConcurrencyExceeded));
            return InvokeResult.Throttled(ErrorTypes.ReservedConcurrencyExceeded);
        }
        try
        {
            return await RunAsync(function, pool, version, request).ConfigureAwait(false);
        }
        catch (ObjectDisposedException) when (!_functions.TryGet(request.FunctionName, out var current) || current != function || !function.HasQualifier(request.Qualifier))
        {
            // The function (or the version) was deleted between lookup and start: as if it had not been found.
            return InvokeResult.NotFound(HostIdentity.FunctionArn(_options.Region, request.FunctionName, request.Qualifier));
        }
        finally
        {
            function.Exit();
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<InvokeResult> RunAsync(LambdaFunction function, EnvironmentPool pool, string version, InvokeRequest request)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var invocation = new Invocation(request.RequestId ?? Guid.NewGuid().ToString(), request.Payload.Length == 0 ? "{}"u8.ToArray() : request.Payload)
        {
            InvokedFunctionArn = request.Qualifier is null ? function.Arn : $"{function.Arn}:{request.Qualifier}",
            Version = version,
            ClientContext = request.ClientContext,
            Log = request.TailLog ? new InvocationLog() : null,
            TraceId = request.TraceId ?? Invocation.NewTraceId(),
            OnStream = request.OnStream,
        };
        var platform = function.Log.Platform;

        var lease = await pool.AcquireAsync().ConfigureAwait(false);
        var environment = lease.Environment;
        InvocationReport report;
        platform.Start(invocation.RequestId, version, invocation.Log);
        if (lease.Ready)
        {
            report = await environment.InvokeAsync(invocation).ConfigureAwait(false);
            pool.Return(environment);
        }
        else
        {
            var failed = lease.Init!;
            invocation.TryComplete(failed.Failure!);
            report = new InvocationReport(failed.Failure!, null, null, failed.MaxMemoryUsedMb, environment.Id);
        }

        var outcome = report.Outcome;
        var configuration = environment.Settings.Configuration;
        // A failed init never reached the runtime: Lambda reports the time spent trying as the duration.
        var durationMs = report.ReachedRuntime ? report.Duration.TotalMilliseconds : lease.Init?.Duration.TotalMilliseconds ?? 0;
        if (outcome.Kind == InvocationOutcomeKind.Timeout)
        {
            durationMs = Math.Max(durationMs, configuration.TimeoutSeconds * 1000.0);
        }
        var initMs = lease.Init is { Succeeded: true } init ? init.Duration.TotalMilliseconds : (double?)null;
        // Since August 2025 Lambda bills the init phase of on-demand cold starts too.
        var billed = ReportLine.Billed(durationMs + (initMs ?? 0));
        var (status, errorType) = outcome.Kind switch
        {
            InvocationOutcomeKind.Timeout => (ReportValues.StatusTimeout, (string?)null),
            InvocationOutcomeKind.Crash or InvocationOutcomeKind.StartFailure => (ReportValues.StatusError, outcome.ErrorType),
            _ when !report.ReachedRuntime && outcome.IsError => (ReportValues.StatusError, outcome.ErrorType),
            _ => ((string?)null, (string?)null),
        };
        platform.End(invocation.RequestId, invocation.Log);
        platform.Report(invocation.Log, invocation.RequestId, durationMs, billed, configuration.MemoryMb, report.MaxMemoryUsedMb, initMs, status, errorType);

        Measure(function.Name, outcome, durationMs, initMs, lease.ColdStart, report.MaxMemoryUsedMb);
        var record = new InvocationRecord
        {
            Function = function.Name,
            Version = version,
            RequestId = invocation.RequestId,
            ColdStart = lease.ColdStart,
            InitDurationMs = initMs,
            DurationMs = Math.Round(durationMs, 3),
            BilledDurationMs = billed,
            MemorySizeMb = configuration.MemoryMb,
            MaxMemoryUsedMb = report.MaxMemoryUsedMb,
            // An init that failed never ran the invocation: the record says so, as REPORT's Status does.
            Outcome = !report.ReachedRuntime && outcome.Kind == InvocationOutcomeKind.FunctionError ? "init-error" : OutcomeName(outcome.Kind),
            ErrorType = outcome.ErrorType,
            StartedAt = startedAt,
            EndedAt = DateTimeOffset.UtcNow,
            EnvironmentId = environment.Id,
            InitResidentFileBytes = initMs is null ? null : lease.Init?.Resident?.FileBytes,
            InitResidentAnonymousBytes = initMs is null ? null : lease.Init?.Resident?.AnonymousBytes,
        };
        _store.Add(record);

        return new InvokeResult
        {
            Kind = InvokeResultKind.Completed,
            Outcome = outcome,
            RequestId = invocation.RequestId,
            ExecutedVersion = version,
            LogTail = invocation.Log?.TailBase64(LambdaLimits.LogTailBytes),
            Record = record,
        };
    }

    private void Measure(string function, InvocationOutcome outcome, double durationMs, double? initMs, bool coldStart, long maxMemoryUsedMb)
    {
        var metrics = _functions.Metrics;
        var name = EmberMetrics.Function(function);
        metrics.Invocations.Add(1, name);
        metrics.InvokeDuration.Record(durationMs / 1000, name);
        metrics.MemoryUsage.Record(maxMemoryUsedMb * 1024 * 1024, name);
        if (coldStart)
        {
            metrics.ColdStarts.Add(1, name);
        }
        if (initMs is { } init)
        {
            metrics.InitDuration.Record(init / 1000, name);
        }
        if (outcome.Kind == InvocationOutcomeKind.Timeout)
        {
            metrics.Timeouts.Add(1, name);
        }
        if (outcome.IsError)
        {
            metrics.Errors.Add(1, name, new("error.type", outcome.ErrorType ?? "Unknown"));
        }
    }

    private static string OutcomeName(InvocationOutcomeKind kind) => kind switch
    {
        InvocationOutcomeKind.Success => "success",
        InvocationOutcomeKind.FunctionError => ReportValues.StatusError,
        InvocationOutcomeKind.Timeout => ReportValues.StatusTimeout,
        InvocationOutcomeKind.Crash => "crash",
        InvocationOutcomeKind.ResponseTooLarge => "response-too-large",
        InvocationOutcomeKind.StartFailure => "start-failure",
        _ => "unknown",
    };
}
