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

    public void InitStart(string runtimeVersion, string runtimeVersionArn) =>
        _log.Write(ReportLine.InitStart(runtimeVersion, runtimeVersionArn));

    /// <summary>
    /// An init that ended without reaching /next: Status timeout, or error with its type. Phase is
    /// "invoke" for the init Lambda retries within the first invocation after a timed-out one.
    /// </summary>
    public void InitFailed(TimeSpan duration, bool timedOut, string? errorType, bool invokePhase = false) =>
        _log.Write(ReportLine.InitReport(duration.TotalMilliseconds, invokePhase ? ReportValues.PhaseInvoke : ReportValues.PhaseInit, timedOut ? ReportValues.StatusTimeout : ReportValues.StatusError, timedOut ? null : errorType));

    public void Start(string requestId, string version, InvocationLog? tail) =>
        _log.Write(ReportLine.Start(requestId, version), tail);

    public void End(string requestId, InvocationLog? tail) => _log.Write(ReportLine.End(requestId), tail);

    public void Report(InvocationLog? tail, string requestId, double durationMs, long billedMs, int memorySizeMb, long maxMemoryUsedMb,
        double? initDurationMs, string? status, string? errorType) =>
        _log.Write(ReportLine.Report(requestId, durationMs, billedMs, memorySizeMb, maxMemoryUsedMb, initDurationMs, status, errorType), tail);

    /// <summary>A line the platform says about one invocation (such as "Task timed out after …").</summary>
    public void Line(string line, InvocationLog? tail) => _log.Write(line, tail);
}
