using Ember.Host.Invocations;

namespace Ember.Host.RuntimeApi;

/// <summary>
/// What an execution environment offers its runtime, as typed calls: the router turns HTTP into
/// these, so the environment never sees a path, a header or a status code.
/// </summary>
internal interface IRuntimeApiSession
{
    /// <summary>
    /// GET next: the first call ends init; then waits for the next invocation, already marked
    /// dispatched. Null when the environment is shutting down or the runtime hung up.
    /// </summary>
    ValueTask<Invocation?> NextAsync(CancellationToken connectionClosed);

    /// <summary>POST response: the invocation succeeded with <paramref name="body"/>.</summary>
    RuntimeApiCall Respond(string requestId, ReadOnlyMemory<byte> body);

    /// <summary>
    /// POST response in streaming mode: the body is handed to the invocation's front door as it arrives (or gathered
    /// when the caller did not ask for a stream); ends when the runtime ends it, with its trailers' error if any.
    /// </summary>
    ValueTask<RuntimeApiCall> RespondStreamingAsync(string requestId, ResponseStream stream);

    /// <summary>POST response whose body went over the limit and was not kept.</summary>
    RuntimeApiCall RespondTooLarge(string requestId);

    /// <summary>POST error, or a streamed response that reported an error in its trailers.</summary>
    RuntimeApiCall Error(string requestId, FunctionError error);

    /// <summary>POST init/error: init failed.</summary>
    RuntimeApiCall InitError(FunctionError error);
}

/// <summary>How a call from the runtime was taken.</summary>
internal enum RuntimeApiCall
{
    Accepted,

    /// <summary>The request id is not the environment's current, unfinished invocation.</summary>
    UnknownRequest,

    /// <summary>The call is not allowed in the environment's state (init/error after init).</summary>
    InvalidState,
}

/// <summary>An error a function reported: its type and the error document, as the runtime sent it.</summary>
internal sealed record FunctionError(string ErrorType, ReadOnlyMemory<byte> Body);
