using Ember.Host.Environments;
using Microsoft.Extensions.Logging;

namespace Ember.Host.Logs;

/// <summary>
/// The host's own events, each with a fixed event id (as Kestrel's and YARP's are), for an operator
/// reading <c>ember up</c>'s log (<c>--log-level</c>, <c>--log-format json</c>). A function's own output
/// and its START/END/REPORT lines go to its function log, not here.
/// </summary>
internal static partial class HostLog
{
    /// <summary>Category of environment events.</summary>
    public const string Environments = "Ember.Host.Environments";

    /// <summary>Category of invocation events.</summary>
    public const string Invocations = "Ember.Host.Invocations";

    /// <summary>Category of the host itself: start-up, background work.</summary>
    public const string Host = "Ember.Host";

    [LoggerMessage(EventId = 1001, EventName = "EnvironmentTransition", Level = LogLevel.Debug,
        Message = "{Function} {Environment}: {From} -> {To}")]
    public static partial void EnvironmentTransition(ILogger logger, string function, string environment, EnvironmentState from, EnvironmentState to);

    [LoggerMessage(EventId = 1002, EventName = "EnvironmentStarted", Level = LogLevel.Debug,
        Message = "{Function} {Environment}: runtime process {ProcessId} started ({Identity})")]
    public static partial void EnvironmentStarted(ILogger logger, string function, string environment, int processId, string identity);

    [LoggerMessage(EventId = 1003, EventName = "InitFailed", Level = LogLevel.Warning,
        Message = "{Function} {Environment}: init failed after {ElapsedMs:F0} ms: {ErrorType}")]
    public static partial void InitFailed(ILogger logger, string function, string environment, double elapsedMs, string errorType);

    [LoggerMessage(EventId = 1004, EventName = "RuntimeCrashed", Level = LogLevel.Warning,
        Message = "{Function} {Environment}: the runtime exited ({Reason}) during invocation {RequestId}")]
    public static partial void RuntimeCrashed(ILogger logger, string function, string environment, string reason, string requestId);

    [LoggerMessage(EventId = 1005, EventName = "OutOfMemory", Level = LogLevel.Warning,
        Message = "{Function} {Environment}: killed for using more than its {MemoryMb} MB (invocation {RequestId})")]
    public static partial void OutOfMemory(ILogger logger, string function, string environment, int memoryMb, string? requestId);

    [LoggerMessage(EventId = 1006, EventName = "TimedOut", Level = LogLevel.Information,
        Message = "{Function} {Environment}: invocation {RequestId} timed out after {TimeoutSeconds} s; the environment is replaced")]
    public static partial void TimedOut(ILogger logger, string function, string environment, string requestId, double timeoutSeconds);

    [LoggerMessage(EventId = 1007, EventName = "RuntimeApiRefused", Level = LogLevel.Warning,
        Message = "{Function} {Environment}: the Runtime API refused a connection from 127.0.0.1:{Port}, which no process of the environment holds")]
    public static partial void RuntimeApiRefused(ILogger logger, string function, string environment, int port);

    [LoggerMessage(EventId = 1008, EventName = "Throttled", Level = LogLevel.Information,
        Message = "{Function}: invocation throttled ({Reason})")]
    public static partial void Throttled(ILogger logger, string function, string reason);

    [LoggerMessage(EventId = 1009, EventName = "BackgroundTaskFailed", Level = LogLevel.Error,
        Message = "{Task} failed")]
    public static partial void BackgroundTaskFailed(ILogger logger, string task, Exception exception);

    [LoggerMessage(EventId = 1010, EventName = "RuntimeExited", Level = LogLevel.Debug,
        Message = "{Function} {Environment}: the runtime exited ({Reason})")]
    public static partial void RuntimeExited(ILogger logger, string function, string environment, string reason);

    [LoggerMessage(EventId = 1011, EventName = "StartFailed", Level = LogLevel.Warning,
        Message = "{Function} {Environment}: could not start the runtime: {Reason}")]
    public static partial void StartFailed(ILogger logger, string function, string environment, string reason);

    [LoggerMessage(EventId = 1012, EventName = "CpuOversubscribed", Level = LogLevel.Warning,
        Message = "{Busy} busy environments ask for {Vcpus:0.#} vCPUs (memory ÷ 1,769 MB each, as Lambda gives them) of this machine's {Cores} cores: "
            + "they share them, so invocations run slower than on Lambda and may time out (said once)")]
    public static partial void CpuOversubscribed(ILogger logger, int busy, double vcpus, int cores);

    /// <summary>
    /// Logs <paramref name="task"/>'s failure, if it fails: a background task nobody awaits must not
    /// fail unseen. Cancellation is not a failure.
    /// </summary>
    public static void Observe(this Task task, ILogger logger, string what)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.ContinueWith(static (t, state) =>
        {
            var (logger, what) = ((ILogger, string))state!;
            BackgroundTaskFailed(logger, what, t.Exception!.GetBaseException());
        }, (logger, what), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
