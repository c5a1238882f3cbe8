namespace Ember.Host.Wire;

/// <summary>Header names of Lambda's Invoke API (what the AWS CLI and SDKs send and read).</summary>
internal static class InvokeApiHeaders
{
    public const string InvocationType = "X-Amz-Invocation-Type";
    public const string LogType = "X-Amz-Log-Type";
    public const string LogResult = "X-Amz-Log-Result";
    public const string ClientContext = "X-Amz-Client-Context";
    public const string ExecutedVersion = "X-Amz-Executed-Version";
    public const string FunctionError = "X-Amz-Function-Error";
    public const string ErrorType = "x-amzn-ErrorType";
    public const string RequestId = "x-amzn-RequestId";
    public const string TraceId = "X-Amzn-Trace-Id";

    public const string RequestResponse = "RequestResponse";
    public const string Event = "Event";
    public const string DryRun = "DryRun";
    public const string Tail = "Tail";
    public const string Unhandled = "Unhandled";
}
