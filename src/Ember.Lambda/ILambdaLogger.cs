namespace Ember.Lambda;

/// <summary>Writes the function's log lines to standard output, where Lambda collects them.</summary>
public interface ILambdaLogger
{
    /// <summary>Writes one line prefixed with the time and the request id, as the managed runtimes do.</summary>
    void LogLine(string message);

    /// <summary>Writes the text as it is, with no prefix and no new line added.</summary>
    void Log(string message);
}
