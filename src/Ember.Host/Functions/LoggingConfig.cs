namespace Ember.Host.Functions;

/// <summary>
/// Lambda's advanced logging controls (LoggingConfig): the log format (Text or JSON), and in JSON the levels below
/// which the function's own records (<see cref="ApplicationLogLevel"/>) and the platform's
/// (<see cref="SystemLogLevel"/>) are dropped; and the log group. In JSON the platform writes its records as JSON
/// objects (platform.initStart, platform.start, platform.report, …), and runtimes are told the format and level
/// (AWS_LAMBDA_LOG_FORMAT, AWS_LAMBDA_LOG_LEVEL).
/// </summary>
internal sealed record LoggingConfig(string LogFormat, string? ApplicationLogLevel, string? SystemLogLevel, string? LogGroup)
{
    public const string Text = Wire.ControlPlaneValues.LogFormatText;
    public const string Json = "JSON";

    public static IReadOnlyList<string> ApplicationLevels { get; } = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];
    public static IReadOnlyList<string> SystemLevels { get; } = ["DEBUG", "INFO", "WARN"];

    public bool IsJson => LogFormat == Json;

    /// <summary>Lambda's defaults for what is not set: INFO for both levels in JSON.</summary>
    public string ApplicationLevel => ApplicationLogLevel ?? "INFO";

    public string SystemLevel => SystemLogLevel ?? "INFO";

    /// <summary>Every way this config breaks Lambda's rules, each a sentence.</summary>
    public IEnumerable<string> Problems()
    {
        if (LogFormat is not (Text or Json))
        {
            yield return $"LoggingConfig.LogFormat '{LogFormat}' must be Text or JSON.";
        }
        if (ApplicationLogLevel is { } application && !ApplicationLevels.Contains(application))
        {
            yield return $"LoggingConfig.ApplicationLogLevel '{application}' must be one of {string.Join(", ", ApplicationLevels)}.";
        }
        if (SystemLogLevel is { } system && !SystemLevels.Contains(system))
        {
            yield return $"LoggingConfig.SystemLogLevel '{system}' must be one of {string.Join(", ", SystemLevels)}.";
        }
        if (LogFormat == Text && (ApplicationLogLevel is not null || SystemLogLevel is not null))
        {
            yield return "LoggingConfig: ApplicationLogLevel and SystemLogLevel need LogFormat JSON (Lambda filters by level only in JSON).";
        }
    }

    /// <summary>True when the platform writes records of <paramref name="level"/> (INFO: start, report; WARN: failures).</summary>
    public bool WritesSystem(string level) => SystemLevels.IndexOf(level) >= SystemLevels.IndexOf(SystemLevel);
}

file static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }
        return -1;
    }
}
