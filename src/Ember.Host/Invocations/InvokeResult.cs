namespace Ember.Host.Invocations;

/// <summary>What an invoke produced: the function's outcome, or why it never ran (not found, throttled).</summary>
internal sealed record InvokeResult
{
    public required InvokeResultKind Kind { get; init; }
    public InvocationOutcome? Outcome { get; init; }
    public string RequestId { get; init; } = "";
    public string ExecutedVersion { get; init; } = Wire.ControlPlaneValues.Latest;

    /// <summary>Base64 of the invocation log's last 4 KB, when the caller asked for the tail.</summary>
    public string? LogTail { get; init; }

    /// <summary>For throttling: which limit (Reason in the 429 body).</summary>
    public string? ThrottleReason { get; init; }
    public string? ResourceArn { get; init; }

    /// <summary>The REPORT figures of a completed invocation, as its record holds them.</summary>
    public Records.InvocationRecord? Record { get; init; }

    public static InvokeResult NotFound(string arn) => new() { Kind = InvokeResultKind.NotFound, ResourceArn = arn };

    public static InvokeResult Throttled(string reason) => new() { Kind = InvokeResultKind.Throttled, ThrottleReason = reason };
}
