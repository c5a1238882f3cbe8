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
