using Ember.Host.Wire;
namespace Ember.Host.Logs;

/// <summary>
/// The one writer of a function's platform lines (INIT_START, INIT_REPORT, START, END, REPORT),
/// formatted by <see cref="ReportLine"/>. The environment reports its init; the invocation service
/// reports invocations; neither formats a line itself.
/// </summary>
internal sealed class InvocationLogWriter
{
    private readonly FunctionLog _log;

    public InvocationLogWriter(FunctionLog log) => _log = log;

    /// <summary>The function's logging controls now: in JSON the platform writes Lambda's JSON records, filtered by the system level.</summary>
    public Func<Functions.LoggingConfig?> Logging { get; set; } = static () => null;

    private Functions.LoggingConfig? Json => Logging() is { IsJson: true } json ? json : null;

    public void InitStart(string runtimeVersion, string runtimeVersionArn)
    {
        if (Json is { } json)
        {
            if (json.WritesSystem("INFO"))
            {
                _log.Write(PlatformRecord.InitStart(runtimeVersion, runtimeVersionArn));
            }
            return;
        }
        _log.Write(ReportLine.InitStart(runtimeVersion, runtimeVersionArn));
    }

    /// <summary>
    /// An init that ended without reaching /next: Status timeout, or error with its type. Phase is
    /// "invoke" for the init Lambda retries within the first invocation after a timed-out one.
    /// </summary>
    public void InitFailed(TimeSpan duration, bool timedOut, string? errorType, bool invokePhase = false)
    {
        var phase = invokePhase ? ReportValues.PhaseInvoke : ReportValues.PhaseInit;
        var status = timedOut ? ReportValues.StatusTimeout : ReportValues.StatusError;
        if (Json is { } json)
        {
            // A failed init is a warning: written at every system level.
            _log.Write(PlatformRecord.InitReport(duration.TotalMilliseconds, phase, status, timedOut ? null : errorType));
            return;
        }
        _log.Write(ReportLine.InitReport(duration.TotalMilliseconds, phase, status, timedOut ? null : errorType));
    }

    public void Start(string requestId, string version, InvocationLog? tail)
    {
        if (Json is { } json)
        {
            if (json.WritesSystem("INFO"))
            {
                _log.Write(PlatformRecord.Start(requestId, version), tail);
            }
            return;
        }
        _log.Write(ReportLine.Start(requestId, version), tail);
    }

    /// <summary>END: Lambda's JSON format has no record for it (platform.report follows platform.start).</summary>
    public void End(string requestId, InvocationLog? tail)
    {
        if (Json is null)
        {
            _log.Write(ReportLine.End(requestId), tail);
        }
    }

    public void Report(InvocationLog? tail, string requestId, double durationMs, long billedMs, int memorySizeMb, long maxMemoryUsedMb,
        double? initDurationMs, string? status, string? errorType)
    {
        if (Json is { } json)
        {
            // A failed invocation's report is a warning; a successful one is INFO.
            if (status is not null || json.WritesSystem("INFO"))
            {
                _log.Write(PlatformRecord.Report(requestId, durationMs, billedMs, memorySizeMb, maxMemoryUsedMb, initDurationMs, status, errorType), tail);
            }
            return;
        }
        _log.Write(ReportLine.Report(requestId, durationMs, billedMs, memorySizeMb, maxMemoryUsedMb, initDurationMs, status, errorType), tail);
    }

    /// <summary>A line the platform says about one invocation (such as "Task timed out after …").</summary>
    public void Line(string line, InvocationLog? tail) => _log.Write(line, tail);
}
