namespace Ember.Host.Wire;

/// <summary>The enumerated values of Lambda's control-plane shapes, as the API spells them.</summary>
internal static class ControlPlaneValues
{
    public const string Latest = "$LATEST";

    // FunctionConfiguration.State and LastUpdateStatus.
    public const string StateActive = "Active";
    public const string UpdateInProgress = "InProgress";
    public const string UpdateSuccessful = "Successful";
    public const string UpdateFailed = "Failed";

    // LastUpdateStatusReasonCode.
    public const string ReasonInvalidEntrypoint = "InvalidEntrypoint";

    public const string PackageTypeZip = "Zip";
    public const string TracingPassThrough = "PassThrough";
    public const string LogFormatText = "Text";

    // Provisioned concurrency Status.
    public const string ProvisionedInProgress = "IN_PROGRESS";
    public const string ProvisionedReady = "READY";
    public const string ProvisionedFailed = "FAILED";

    // AWS_LAMBDA_INITIALIZATION_TYPE.
    public const string OnDemand = "on-demand";
    public const string ProvisionedConcurrency = "provisioned-concurrency";

    // Function URL.
    public const string AuthNone = "NONE";
    public const string AuthIam = "AWS_IAM";
    public const string InvokeBuffered = "BUFFERED";
    public const string InvokeStream = "RESPONSE_STREAM";

    public const string UpdateRuntimeAuto = "Auto";
    public const string UpdateRuntimeOnFunctionUpdate = "FunctionUpdate";
    public const string UpdateRuntimeManual = "Manual";

    public const string ArchitectureX86 = "x86_64";
    public const string ArchitectureArm = "arm64";

    /// <summary>Lambda's timestamp format in FunctionConfiguration.LastModified and friends.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'+0000'";

    public const int MinMemoryMb = 128;
    public const int MaxMemoryMb = 10240;
    public const int MaxTimeoutSeconds = 900;
}
