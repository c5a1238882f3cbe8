namespace Ember.Host.Wire;

/// <summary>The error types Lambda reports, for functions (errorType) and for the API (x-amzn-ErrorType).</summary>
internal static class ErrorTypes
{
    // Function errors, in the body of a failed invocation.
    public const string RuntimeExitError = "Runtime.ExitError";
    public const string RuntimeOutOfMemory = "Runtime.OutOfMemory";
    public const string RuntimeInvalidEntrypoint = "Runtime.InvalidEntrypoint";
    public const string RuntimeInitTimeout = "Runtime.InitTimeout";
    public const string RuntimeUnknown = "Runtime.Unknown";
    public const string ResponseSizeTooLarge = "Function.ResponseSizeTooLarge";
    public const string Sandbox = "Sandbox.Timedout";

    // API errors, in x-amzn-ErrorType.
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string RequestTooLarge = "RequestTooLargeException";
    public const string TooManyRequests = "TooManyRequestsException";
    public const string InvalidRequestContent = "InvalidRequestContentException";
    public const string InvalidParameterValue = "InvalidParameterValueException";
    public const string ResourceConflict = "ResourceConflictException";
    public const string UnknownOperation = "UnknownOperationException";
    public const string ServiceException = "ServiceException";
    public const string PreconditionFailed = "PreconditionFailedException";
    public const string InvalidRuntime = "InvalidRuntimeException";
    public const string AccessDenied = "AccessDeniedException";

    // An unsigned request (the Invoke API, the control plane), and a REST API route that does not
    // exist: API Gateway's and Lambda's front door answer both the same way.
    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";

    // Throttling reasons.
    public const string ReservedConcurrencyExceeded = "ReservedFunctionConcurrentInvocationLimitExceeded";
    public const string ConcurrencyExceeded = "ConcurrentInvocationLimitExceeded";
}
