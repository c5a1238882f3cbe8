using System.Diagnostics;
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
    private readonly FunctionRegistry _functions;
    private readonly InvocationStore _store;
    private readonly HostOptions _options;
    private int _inFlight;

    public InvocationService(FunctionRegistry functions, InvocationStore store, HostOptions options)
    {
        _functions = functions;
        _store = store;
        _options = options;
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public async Task<InvokeResult> InvokeAsync(InvokeRequest request, CancellationToken cancellationToken)
    {
        if (!_functions.TryGet(request.FunctionName, out var function)
            || !function.TryResolve(request.Qualifier, Random.Shared.NextDouble(), out var pool, out var version))
        {
            var arn = HostIdentity.FunctionArn(_options.Region, request.FunctionName, request.Qualifier);
            return InvokeResult.NotFound(arn);
        }
        if (Interlocked.Increment(ref _inFlight) > _options.ConcurrencyLimit)
        {
            Interlocked.Decrement(ref _inFlight);
            return InvokeResult.Throttled(ErrorTypes.ConcurrencyExceeded);
        }
        if (!function.TryEnter())
        {
            Interlocked.Decrement(ref _inFlight);
            return InvokeResult.Throttled(ErrorTypes.ReservedConcurrencyExceeded);
        }
        try
        {
            return await RunAsync(function, pool, version, request, cancellationToken).ConfigureAwait(false);
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

    private async Task<InvokeResult> RunAsync(LambdaFunction function, EnvironmentPool pool, string version, InvokeRequest request, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var invocation = new Invocation(request.RequestId ?? Guid.NewGuid().ToString(), request.Payload.Length == 0 ? "{}"u8.ToArray() : request.Payload)
        {
            InvokedFunctionArn = request.Qualifier is null ? function.Arn : $"{function.Arn}:{request.Qualifier}",
            Version = version,
            ClientContext = request.ClientContext,
            Log = request.TailLog ? new InvocationLog() : null,
        };

        var result = await pool.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        var outcome = result.Outcome;
        var environment = result.Environment;
        var configuration = environment.Settings.Configuration;

        double durationMs;
        if (invocation.Dispatched != 0)
        {
            var end = invocation.Completed != 0 ? invocation.Completed : Stopwatch.GetTimestamp();
            durationMs = Stopwatch.GetElapsedTime(invocation.Dispatched, end).TotalMilliseconds;
        }
        else
        {
            // Never reached the runtime: init failed. Lambda reports the time spent trying.
            durationMs = result.Init?.Duration.TotalMilliseconds ?? 0;
            function.Log.Write(ReportLine.Start(invocation.RequestId, version), invocation.Log);
        }
        if (outcome.Kind == InvocationOutcomeKind.Timeout)
        {
            durationMs = Math.Max(durationMs, configuration.TimeoutSeconds * 1000.0);
        }
        var initMs = result.ColdStart ? result.Init!.Duration.TotalMilliseconds : (double?)null;
        // Since August 2025 Lambda bills the init phase of on-demand cold starts too.
        var billed = ReportLine.Billed(durationMs + (initMs ?? 0));
        var maxMemory = environment.MaxMemoryUsedMb;
        var (status, errorType) = outcome.Kind switch
        {
            InvocationOutcomeKind.Timeout => ("timeout", (string?)null),
            InvocationOutcomeKind.Crash or InvocationOutcomeKind.StartFailure => ("error", outcome.ErrorType),
            _ when invocation.Dispatched == 0 && outcome.IsError => ("error", outcome.ErrorType),
            _ => ((string?)null, (string?)null),
        };
        function.Log.Write(ReportLine.End(invocation.RequestId), invocation.Log);
        function.Log.Write(ReportLine.Report(invocation.RequestId, durationMs, billed, configuration.MemoryMb, maxMemory, initMs, status, errorType), invocation.Log);

        _store.Add(new InvocationRecord
        {
            Function = function.Name,
            Version = version,
            RequestId = invocation.RequestId,
            ColdStart = result.ColdStart,
            InitDurationMs = initMs,
            DurationMs = Math.Round(durationMs, 3),
            BilledDurationMs = billed,
            MemorySizeMb = configuration.MemoryMb,
            MaxMemoryUsedMb = maxMemory,
            Outcome = OutcomeName(outcome.Kind),
            ErrorType = outcome.ErrorType,
            StartedAt = startedAt,
            EndedAt = DateTimeOffset.UtcNow,
            EnvironmentId = environment.Id,
        });

        return new InvokeResult
        {
            Kind = InvokeResultKind.Completed,
            Outcome = outcome,
            RequestId = invocation.RequestId,
            ExecutedVersion = version,
            LogTail = invocation.Log?.TailBase64(LambdaLimits.LogTailBytes),
        };
    }

    private static string OutcomeName(InvocationOutcomeKind kind) => kind switch
    {
        InvocationOutcomeKind.Success => "success",
        InvocationOutcomeKind.FunctionError => "error",
        InvocationOutcomeKind.Timeout => "timeout",
        InvocationOutcomeKind.Crash => "crash",
        InvocationOutcomeKind.ResponseTooLarge => "response-too-large",
        InvocationOutcomeKind.StartFailure => "start-failure",
        _ => "unknown",
    };
}
