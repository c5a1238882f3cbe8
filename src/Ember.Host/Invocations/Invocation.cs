using System.Diagnostics;

namespace Ember.Host.Invocations;

/// <summary>
/// One request to run a function: its payload and identity, and the single place its outcome is
/// decided. Whatever ends it first (the response, an error, the timeout, the process dying) wins;
/// later attempts are refused, so a result is never reported twice or lost.
/// </summary>
internal sealed class Invocation
{
    private readonly TaskCompletionSource<InvocationOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Invocation(string requestId, ReadOnlyMemory<byte> payload)
    {
        RequestId = requestId;
        Payload = payload;
        TraceId = NewTraceId();
        Created = Stopwatch.GetTimestamp();
    }

    public string RequestId { get; }
    public ReadOnlyMemory<byte> Payload { get; }
    public string TraceId { get; }
    public long Created { get; }
    public string InvokedFunctionArn { get; init; } = "";
    public string Version { get; init; } = "$LATEST";

    /// <summary>The client context, as the JSON text (already base64-decoded).</summary>
    public string? ClientContext { get; init; }
    public string? CognitoIdentity { get; init; }

    /// <summary>The invocation's own log lines, for X-Amz-Log-Result; null when nobody asked.</summary>
    public Logs.InvocationLog? Log { get; init; }

    /// <summary>When the runtime received the event (Stopwatch timestamp), 0 before.</summary>
    public long Dispatched { get; set; }

    /// <summary>Deadline as Unix epoch milliseconds, set at dispatch.</summary>
    public long DeadlineUnixMs { get; set; }

    public Task<InvocationOutcome> Outcome => _outcome.Task;
    public bool IsCompleted => _outcome.Task.IsCompleted;

    /// <summary>Completes the invocation; false if something else already did.</summary>
    public bool TryComplete(InvocationOutcome outcome)
    {
        Completed = Stopwatch.GetTimestamp();
        return _outcome.TrySetResult(outcome);
    }

    public long Completed { get; private set; }

    private static string NewTraceId()
    {
        var epoch = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Span<byte> random = stackalloc byte[20];
        Random.Shared.NextBytes(random);
        var hex = Convert.ToHexStringLower(random);
        return $"Root=1-{epoch:x8}-{hex[..24]};Parent={hex[24..]};Sampled=0";
    }
}
