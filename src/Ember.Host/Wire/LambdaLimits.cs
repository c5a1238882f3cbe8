namespace Ember.Host.Wire;

/// <summary>Lambda's documented quotas that Ember enforces the same way.</summary>
internal static class LambdaLimits
{
    /// <summary>Synchronous request and response payloads: 6 MB.</summary>
    public const int SyncPayloadBytes = 6 * 1024 * 1024;

    /// <summary>
    /// What Lambda accepts from a function as a synchronous response, and names in
    /// Function.ResponseSizeTooLarge's message: 6 MB and 100 bytes.
    /// </summary>
    public const int SyncResponseBytes = SyncPayloadBytes + 100;

    /// <summary>Asynchronous (Event) request payloads: 1 MB since 2024 raised from 256 KB.</summary>
    public const int AsyncPayloadBytes = 1024 * 1024;

    /// <summary>Lambda's init phase limit.</summary>
    public static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The tail of the log that X-Amz-Log-Result carries: the last 4 KB.</summary>
    public const int LogTailBytes = 4096;

    /// <summary>The longest X-Amz-Client-Context the Invoke API takes, base64-encoded (Lambda's 3,583 bytes).</summary>
    public const int ClientContextBytes = 3583;

    public const int MinMemoryMb = 128;
    public const int MaxMemoryMb = 10240;
    public const int MaxTimeoutSeconds = 900;
}
