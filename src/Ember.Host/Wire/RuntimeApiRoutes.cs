namespace Ember.Host.Wire;

/// <summary>The paths of Lambda's Runtime API (version 2018-06-01) and the errors it answers with.</summary>
internal static class RuntimeApiRoutes
{
    public const string Next = RuntimeApiHeaders.ApiVersionPrefix + "invocation/next";
    public const string InitError = RuntimeApiHeaders.ApiVersionPrefix + "init/error";

    /// <summary>Followed by {requestId}/response or {requestId}/error.</summary>
    public const string InvocationPrefix = RuntimeApiHeaders.ApiVersionPrefix + "invocation/";
    public const string ResponseVerb = "response";
    public const string ErrorVerb = "error";

    /// <summary>The runtime clients send this header value; the body names the real error type.</summary>
    public const string UnhandledErrorType = "Unhandled";

    // Runtime API error types (the errorType of its own error bodies).
    public const string InvalidRequestId = "InvalidRequestID";
    public const string InvalidStateTransition = "InvalidStateTransition";
    public const string InvalidRequest = "InvalidRequest";
}
