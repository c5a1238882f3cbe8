namespace Ember.Lambda.RuntimeApi;

/// <summary>Every name and path of the Lambda Runtime API the client puts on or reads off the wire.</summary>
internal static class RuntimeApiWire
{
    public const string EnvironmentVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string TraceIdEnvironmentVariable = "_X_AMZN_TRACE_ID";

    public const string NextPath = "/2018-06-01/runtime/invocation/next";
    public const string InvocationPathPrefix = "/2018-06-01/runtime/invocation/";
    public const string ResponseSuffix = "/response";
    public const string ErrorSuffix = "/error";
    public const string InitErrorPath = "/2018-06-01/runtime/init/error";

    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    public const string InvokedFunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    public const string ClientContextHeader = "Lambda-Runtime-Client-Context";
    public const string CognitoIdentityHeader = "Lambda-Runtime-Cognito-Identity";
    public const string FunctionErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    public const string FunctionErrorBodyHeader = "Lambda-Runtime-Function-Error-Body";
    public const string ResponseModeHeader = "Lambda-Runtime-Function-Response-Mode";
    public const string ResponseModeStreaming = "streaming";
    public const string HttpIntegrationContentType = "application/vnd.awslambda.http-integration-response";
    public const string OctetStreamContentType = "application/octet-stream";

    public const string ContentLengthHeader = "Content-Length";
    public const string TransferEncodingHeader = "Transfer-Encoding";
    public const string ConnectionHeader = "Connection";
    public const string JsonContentType = "application/json";
    public const string UserAgent = "ember-lambda/1.0";

    public const int StatusOk = 200;
    public const int StatusAccepted = 202;
}
