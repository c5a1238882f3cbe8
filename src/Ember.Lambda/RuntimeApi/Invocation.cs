namespace Ember.Lambda.RuntimeApi;

/// <summary>What <c>/next</c> said about one invocation, besides the event body.</summary>
internal sealed record Invocation(
    string RequestId,
    long DeadlineUnixMs,
    string InvokedFunctionArn,
    string TraceId,
    string? ClientContext,
    string? CognitoIdentity);
