using System.Diagnostics;
using Ember.Host.Wire;

namespace Ember.Host.Invocations;

/// <summary>
/// One request to run a function: its payload and identity, and the single place its outcome is
/// decided. Its <see cref="State"/> moves Queued → Dispatched → Completed | TimedOut | Crashed (or
/// straight from Queued to an end); whatever ends it first wins, and only the winning move sets the
/// timestamps, so a result is never reported twice, lost, or timed by a loser.
/// </summary>
internal sealed class Invocation
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<InvocationOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private InvocationState _state = InvocationState.Queued;
    private long _dispatched;
    private long _ended;

    public Invocation(string requestId, ReadOnlyMemory<byte> payload)
    {
        RequestId = requestId;
        Payload = payload;
    }

    public string RequestId { get; }
    public ReadOnlyMemory<byte> Payload { get; }
    /// <summary>The X-Ray trace header (Lambda-Runtime-Trace-Id); a new one unless the front door already made it (a Function URL puts it in the event).</summary>
    public string TraceId { get; init; } = NewTraceId();
    public string InvokedFunctionArn { get; init; } = "";
    public string Version { get; init; } = ControlPlaneValues.Latest;

    /// <summary>The client context, as the JSON text (already base64-decoded).</summary>
    public string? ClientContext { get; init; }
    public string? CognitoIdentity { get; init; }

    /// <summary>The invocation's own log lines, for X-Amz-Log-Result; null when nobody asked.</summary>
    public Logs.InvocationLog? Log { get; init; }

    /// <summary>
    /// Where a streamed response goes as it arrives, when the caller can take a stream (a RESPONSE_STREAM Function
    /// URL, InvokeWithResponseStream); null to gather it into one response, as a buffered caller gets it.
    /// </summary>
    public Func<ResponseStream, Task>? OnStream { get; init; }

    /// <summary>Deadline as Unix epoch milliseconds, set when the environment takes the invocation.</summary>
    public long DeadlineUnixMs { get; set; }

    public InvocationState State { get { lock (_gate) { return _state; } } }

    /// <summary>When a runtime received the event (Stopwatch timestamp); null while queued or if it never did.</summary>
    public long? Dispatched { get { lock (_gate) { return _dispatched == 0 ? null : _dispatched; } } }

    /// <summary>When the invocation ended (Stopwatch timestamp), set by the winning completion only; null before.</summary>
    public long? Ended { get { lock (_gate) { return _ended == 0 ? null : _ended; } } }

    public Task<InvocationOutcome> Outcome => _outcome.Task;

    /// <summary>Queued → Dispatched, when a runtime takes it from /next; false if it already ended (say, timed out while queued).</summary>
    public bool TryDispatch()
    {
        lock (_gate)
        {
            if (_state != InvocationState.Queued)
            {
                return false;
            }
            _state = InvocationState.Dispatched;
            _dispatched = Stopwatch.GetTimestamp();
            return true;
        }
    }

    /// <summary>Ends the invocation with <paramref name="outcome"/>; false (and nothing changes) if something else ended it first.</summary>
    public bool TryComplete(InvocationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var to = EndStateOf(outcome.Kind);
        lock (_gate)
        {
            if (!IsLegal(_state, to))
            {
                return false;
            }
            _state = to;
            _ended = Stopwatch.GetTimestamp();
        }
        _outcome.SetResult(outcome);
        return true;
    }

    /// <summary>The legal moves: forward only, and nothing after an end.</summary>
    public static bool IsLegal(InvocationState from, InvocationState to) => (from, to) switch
    {
        (InvocationState.Queued, InvocationState.Dispatched) => true,
        (InvocationState.Queued or InvocationState.Dispatched, InvocationState.Completed or InvocationState.TimedOut or InvocationState.Crashed) => true,
        _ => false,
    };

    public static InvocationState EndStateOf(InvocationOutcomeKind kind) => kind switch
    {
        InvocationOutcomeKind.Timeout => InvocationState.TimedOut,
        InvocationOutcomeKind.Crash or InvocationOutcomeKind.StartFailure => InvocationState.Crashed,
        _ => InvocationState.Completed,
    };

    internal static string NewTraceId()
    {
        var epoch = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Span<byte> random = stackalloc byte[20];
        Random.Shared.NextBytes(random);
        var hex = Convert.ToHexStringLower(random);
        return $"Root=1-{epoch:x8}-{hex[..24]};Parent={hex[24..]};Sampled=0";
    }
}
