namespace Ember.Host.Invocations;

/// <summary>A synchronous invocation as the Invoke API or a Function URL asks for it.</summary>
internal sealed record InvokeRequest
{
    public required string FunctionName { get; init; }

    /// <summary>
    /// The function, when the front door has looked it up already (one lookup per request); the
    /// invocation service looks <see cref="FunctionName"/> up when null.
    /// </summary>
    public Functions.LambdaFunction? Function { get; init; }

    public string? Qualifier { get; init; }
    public ReadOnlyMemory<byte> Payload { get; init; }
    public string? ClientContext { get; init; }
    public bool TailLog { get; init; }

    /// <summary>The trace header to use; a new one when null. Function URLs pass the one they put in the event.</summary>
    public string? TraceId { get; init; }

    /// <summary>Where a streamed response goes as it arrives (see <see cref="Invocation.OnStream"/>); null for a buffered caller.</summary>
    public Func<ResponseStream, Task>? OnStream { get; init; }

    /// <summary>For an Event invocation: how many destination deliveries led to it (Lambda stops a recursive loop at 16).</summary>
    public int ChainDepth { get; init; }

    /// <summary>The request id to use; a new one when null. Function URLs pass the id they put in the event.</summary>
    public string? RequestId { get; init; }
}
