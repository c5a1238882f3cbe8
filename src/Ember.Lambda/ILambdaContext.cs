namespace Ember.Lambda;

/// <summary>What the function knows about the invocation it is serving and about itself.</summary>
public interface ILambdaContext
{
    /// <summary>The request id (header <c>Lambda-Runtime-Aws-Request-Id</c>).</summary>
    string AwsRequestId { get; }

    /// <summary>When the invocation times out (header <c>Lambda-Runtime-Deadline-Ms</c>).</summary>
    DateTimeOffset Deadline { get; }

    /// <summary>Time left before <see cref="Deadline"/>; zero once it has passed.</summary>
    TimeSpan RemainingTime { get; }

    /// <summary>The ARN the caller invoked: the function's, a version's or an alias's.</summary>
    string InvokedFunctionArn { get; }

    /// <summary>The X-Ray trace header of this invocation, also in <c>_X_AMZN_TRACE_ID</c>; empty if none.</summary>
    string TraceId { get; }

    /// <summary>The client context a mobile SDK caller sent, as an object (Amazon.Lambda.Core's shape), or null.</summary>
    IClientContext? ClientContext { get; }

    /// <summary>The Cognito identity a mobile SDK caller sent, as an object, or null.</summary>
    ICognitoIdentity? Identity { get; }

    /// <summary>The client context as the JSON text it came in, or null.</summary>
    string? ClientContextJson { get; }

    /// <summary>The Cognito identity as the JSON text it came in, or null.</summary>
    string? CognitoIdentityJson { get; }

    /// <summary>From <c>AWS_LAMBDA_FUNCTION_NAME</c>.</summary>
    string FunctionName { get; }

    /// <summary>From <c>AWS_LAMBDA_FUNCTION_VERSION</c>.</summary>
    string FunctionVersion { get; }

    /// <summary>From <c>AWS_LAMBDA_FUNCTION_MEMORY_SIZE</c>.</summary>
    int MemoryLimitInMB { get; }

    /// <summary>From <c>AWS_LAMBDA_LOG_GROUP_NAME</c>.</summary>
    string LogGroupName { get; }

    /// <summary>From <c>AWS_LAMBDA_LOG_STREAM_NAME</c>.</summary>
    string LogStreamName { get; }

    /// <summary>
    /// Cancelled shortly before <see cref="Deadline"/> (see <see cref="LambdaBootstrap.DeadlineMargin"/>),
    /// so the function can stop and answer before Lambda kills the invocation.
    /// </summary>
    CancellationToken CancellationToken { get; }

    /// <summary>Writes to standard output.</summary>
    ILambdaLogger Logger { get; }
}
