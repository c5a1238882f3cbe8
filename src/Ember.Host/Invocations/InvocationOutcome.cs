using System.Text;

namespace Ember.Host.Invocations;

/// <summary>The result of one invocation: the bytes the client gets, and whether they are an error.</summary>
internal sealed record InvocationOutcome(InvocationOutcomeKind Kind, ReadOnlyMemory<byte> Body, string? ErrorType)
{
    public bool IsError => Kind != InvocationOutcomeKind.Success;

    public static InvocationOutcome Success(ReadOnlyMemory<byte> body) => new(InvocationOutcomeKind.Success, body, null);

    /// <summary>An error the host reports on the function's behalf, in Lambda's {"errorType","errorMessage"} shape.</summary>
    public static InvocationOutcome HostError(InvocationOutcomeKind kind, string errorType, string message) =>
        new(kind, Encoding.UTF8.GetBytes($"{{\"errorType\":{Json.Quote(errorType)},\"errorMessage\":{Json.Quote(message)}}}"), errorType);
}
