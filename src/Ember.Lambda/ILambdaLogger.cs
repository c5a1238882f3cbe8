using System.Globalization;
using System.Text;

namespace Ember.Lambda;

/// <summary>
/// Writes the function's log lines to standard output, where Lambda collects them. The members are
/// Amazon.Lambda.Core's, so a ported function logs as it did: <see cref="LogInformation(string, object[])"/>
/// and the other levels, <see cref="Log(LogLevel, string, object[])"/>, message templates with
/// positional <c>{placeholders}</c>, and an exception's text after the message.
/// </summary>
public interface ILambdaLogger
{
    /// <summary>Writes one line prefixed with the time and the request id, as the managed runtimes do.</summary>
    void LogLine(string message);

    /// <summary>Writes the text as it is, with no prefix and no new line added.</summary>
    void Log(string message);

    /// <summary>Writes one line at <paramref name="level"/>, if the function's log level (AWS_LAMBDA_LOG_LEVEL) lets it through.</summary>
    void Log(LogLevel level, Exception? exception, string message, params object?[] args);

    /// <summary>Writes one line at the level named (Trace, Debug, Information, Warning, Error, Critical).</summary>
    void Log(string level, string message, params object?[] args) =>
        Log(Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed) ? parsed : LogLevel.Information, null, message, args);

    /// <summary>Writes one line at <paramref name="level"/>.</summary>
    void Log(LogLevel level, string message, params object?[] args) => Log(level, null, message, args);

    /// <summary>Writes one line at Trace.</summary>
    void LogTrace(string message, params object?[] args) => Log(LogLevel.Trace, null, message, args);

    /// <summary>Writes one line at Debug.</summary>
    void LogDebug(string message, params object?[] args) => Log(LogLevel.Debug, null, message, args);

    /// <summary>Writes one line at Information.</summary>
    void LogInformation(string message, params object?[] args) => Log(LogLevel.Information, null, message, args);

    /// <summary>Writes one line at Warning.</summary>
    void LogWarning(string message, params object?[] args) => Log(LogLevel.Warning, null, message, args);

    /// <summary>Writes one line at Error.</summary>
    void LogError(string message, params object?[] args) => Log(LogLevel.Error, null, message, args);

    /// <summary>Writes one line at Critical.</summary>
    void LogCritical(string message, params object?[] args) => Log(LogLevel.Critical, null, message, args);

    /// <summary>Writes one line at Warning, the exception after the message.</summary>
    void LogWarning(Exception exception, string message, params object?[] args) => Log(LogLevel.Warning, exception, message, args);

    /// <summary>Writes one line at Error, the exception after the message.</summary>
    void LogError(Exception exception, string message, params object?[] args) => Log(LogLevel.Error, exception, message, args);

    /// <summary>Writes one line at Critical, the exception after the message.</summary>
    void LogCritical(Exception exception, string message, params object?[] args) => Log(LogLevel.Critical, exception, message, args);

    /// <summary>
    /// A message template with its arguments filled in by position, as Amazon.Lambda.Core does:
    /// <c>("{count} orders from {user}", 3, "ada")</c> → "3 orders from ada"; <c>{{</c> and <c>}}</c> are braces.
    /// </summary>
    static string Format(string message, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (args is not { Length: > 0 } || !message.Contains('{', StringComparison.Ordinal))
        {
            return message;
        }
        var text = new StringBuilder(message.Length + 16);
        var next = 0;
        for (var i = 0; i < message.Length; i++)
        {
            var c = message[i];
            if ((c == '{' || c == '}') && i + 1 < message.Length && message[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }
            var end = c == '{' ? message.IndexOf('}', i + 1) : -1;
            if (end < 0)
            {
                text.Append(c);
                continue;
            }
            text.Append(next < args.Length ? Convert.ToString(args[next], CultureInfo.InvariantCulture) : message[i..(end + 1)]);
            next++;
            i = end;
        }
        return text.ToString();
    }
}
