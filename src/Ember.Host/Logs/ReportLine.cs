using System.Globalization;

namespace Ember.Host.Logs;

/// <summary>
/// Lambda's platform log lines, byte for byte in Lambda's format: INIT_START, INIT_REPORT, START,
/// END and REPORT. Only <see cref="InvocationLogWriter"/> writes them.
/// </summary>
internal static class ReportLine
{
    /// <summary>How each platform line begins, for whatever reads the lines back (<see cref="LogLineJson"/>).</summary>
    public const string StartPrefix = "START RequestId: ";
    public const string EndPrefix = "END RequestId: ";
    public const string ReportPrefix = "REPORT ";
    public const string InitStartPrefix = "INIT_START ";
    public const string InitReportPrefix = "INIT_REPORT ";

    /// <summary>Once per execution environment, when its init phase begins.</summary>
    public static string InitStart(string runtimeVersion, string runtimeVersionArn) =>
        $"INIT_START Runtime Version: {runtimeVersion}\tRuntime Version ARN: {runtimeVersionArn}";

    /// <summary>
    /// Lambda writes INIT_REPORT only when init did not end in a call to /next: a timeout or an
    /// error (a successful init's duration is in the REPORT line instead).
    /// </summary>
    public static string InitReport(double durationMs, string phase, string status, string? errorType)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"INIT_REPORT Init Duration: {durationMs:F2} ms\tPhase: {phase}\tStatus: {status}");
        return errorType is null ? line : $"{line}\tError Type: {errorType}";
    }

    public static string Start(string requestId, string version) => $"START RequestId: {requestId} Version: {version}";

    public static string End(string requestId) => $"END RequestId: {requestId}";

    /// <summary>
    /// REPORT, tab-separated, in Lambda's order; Init Duration on cold starts only. Failures the
    /// platform detects (timeout, crash) add Lambda's Status and Error Type fields.
    /// </summary>
    public static string Report(string requestId, double durationMs, long billedMs, int memorySizeMb, long maxMemoryUsedMb,
        double? initDurationMs, string? status = null, string? errorType = null)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"REPORT RequestId: {requestId}\tDuration: {durationMs:F2} ms\tBilled Duration: {billedMs} ms\tMemory Size: {memorySizeMb} MB\tMax Memory Used: {maxMemoryUsedMb} MB");
        if (initDurationMs is { } init)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"\tInit Duration: {init:F2} ms");
        }
        if (status is not null)
        {
            line += $"\tStatus: {status}";
            if (errorType is not null)
            {
                line += $"\tError Type: {errorType}";
            }
        }
        return line;
    }

    /// <summary>Lambda bills the duration rounded up to the next whole millisecond.</summary>
    public static long Billed(double durationMs) => Math.Max(1, (long)Math.Ceiling(durationMs - 1e-9));
}
