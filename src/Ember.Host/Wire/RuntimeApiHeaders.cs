namespace Ember.Host.Wire;

/// <summary>Header names of Lambda's Runtime API (what a function process talks to).</summary>
internal static class RuntimeApiHeaders
{
    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineMs = "Lambda-Runtime-Deadline-Ms";
    public const string InvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceId = "Lambda-Runtime-Trace-Id";
    public const string ClientContext = "Lambda-Runtime-Client-Context";
    public const string CognitoIdentity = "Lambda-Runtime-Cognito-Identity";
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";
    public const string FunctionErrorBody = "Lambda-Runtime-Function-Error-Body";
    public const string ResponseMode = "Lambda-Runtime-Function-Response-Mode";
    public const string ResponseModeStreaming = "streaming";

    /// <summary>The content type a streamed HTTP response (prelude, eight NUL bytes, body) is posted with.</summary>
    public const string HttpIntegrationResponse = "application/vnd.awslambda.http-integration-response";

    public const string ApiVersionPrefix = "/2018-06-01/runtime/";
}
