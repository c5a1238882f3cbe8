namespace Ember.Lambda;

/// <summary>
/// The Runtime API answered in a way the runtime cannot go on from (any status but the expected one,
/// a malformed response, a lost connection). The process should exit.
/// </summary>
public sealed class LambdaRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LambdaRuntimeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public LambdaRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static LambdaRuntimeException UnexpectedStatus(string method, string path, int status, string body) =>
        new($"Runtime API {method} {path} answered {status}, expected {(method == "GET" ? 200 : 202)}: {body}");

    internal static LambdaRuntimeException MissingVariable(string name) =>
        new($"{name} is not set: this program must be started by AWS Lambda or a compatible host (such as Ember) as a custom runtime.");

    internal static LambdaRuntimeException Malformed(string what) =>
        new($"Malformed Runtime API response: {what}.");

    internal static LambdaRuntimeException ConnectionLost(string host, Exception? cause) =>
        cause is null
            ? new($"The Runtime API at {host} closed the connection.")
            : new($"The Runtime API at {host} could not be reached: {cause.Message}", cause);
}
