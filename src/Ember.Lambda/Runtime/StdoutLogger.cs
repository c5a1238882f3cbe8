using System.Globalization;
using System.Text;

namespace Ember.Lambda.Runtime;

/// <summary>
/// Writes straight to the standard output handle, with no logging dependency and without
/// initialising Console's text writers at start-up.
/// </summary>
internal sealed class StdoutLogger : ILambdaLogger
{
    private readonly Lock _gate = new();
    private readonly Stream _stdout;
    private byte[] _buffer = new byte[1024];

    public StdoutLogger(Stream stdout)
    {
        _stdout = stdout;
    }

    /// <summary>The request being served, put in front of each line.</summary>
    public string RequestId { get; set; } = string.Empty;

    /// <summary>The lowest level written: AWS_LAMBDA_LOG_LEVEL (TRACE, DEBUG, INFO, WARN, ERROR, FATAL), Information by default.</summary>
    public LogLevel MinimumLevel { get; init; } = LevelFrom(Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL"));

    /// <summary>AWS_LAMBDA_LOG_FORMAT=JSON writes each line as a JSON object, as Lambda's advanced logging does.</summary>
    public bool Json { get; init; } = string.Equals(Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_FORMAT"), "JSON", StringComparison.OrdinalIgnoreCase);

    public static LogLevel LevelFrom(string? name) => name?.ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "WARN" or "WARNING" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "FATAL" or "CRITICAL" => LogLevel.Critical,
        _ => LogLevel.Information,
    };

    public void Log(LogLevel level, Exception? exception, string message, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (level < MinimumLevel)
        {
            return;
        }
        var text = ILambdaLogger.Format(message, args);
        if (exception is not null)
        {
            text += Environment.NewLine + exception;
        }
        if (Json)
        {
            var line = System.Text.Json.JsonSerializer.Serialize(new LogRecord(DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                level.ToString(), RequestId, text), LogRecordJsonContext.Default.LogRecord) + "\n";
            lock (_gate)
            {
                WriteText(line);
            }
            return;
        }
        Write(level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            LogLevel.Critical => "crit",
            _ => "info",
        }, text);
    }

    public void Log(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            WriteText(message);
        }
    }

    public void LogLine(string message) => Write("info", message);

    public void Write(string level, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}\t{RequestId}\t{level}\t{message}\n");
        lock (_gate)
        {
            WriteText(line);
        }
    }

    private void WriteText(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_buffer.Length < max)
        {
            _buffer = new byte[max];
        }

        var count = Encoding.UTF8.GetBytes(text, _buffer);
        _stdout.Write(_buffer, 0, count);
        _stdout.Flush();
    }
}
