namespace Ember.Host.Invocations;

/// <summary>A synchronous invocation as the Invoke API or a Function URL asks for it.</summary>
internal sealed record InvokeRequest
{
    public required string FunctionName { get; init; }
    public string? Qualifier { get; init; }
    public ReadOnlyMemory<byte> Payload { get; init; }
    public string? ClientContext { get; init; }
    public bool TailLog { get; init; }
}
