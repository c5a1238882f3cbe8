using System.Text;

namespace Ember.Host.Logs;

/// <summary>The log lines of one invocation, START to REPORT, for X-Amz-Log-Result (its last 4 KB).</summary>
internal sealed class InvocationLog
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public void Append(string line)
    {
        lock (_gate)
        {
            _text.Append(line).Append('\n');
        }
    }

    /// <summary>Base64 of the last <paramref name="maxBytes"/> bytes of the log, as Lambda's Tail returns.</summary>
    public string TailBase64(int maxBytes)
    {
        byte[] bytes;
        lock (_gate)
        {
            bytes = Encoding.UTF8.GetBytes(_text.ToString());
        }
        var start = Math.Max(0, bytes.Length - maxBytes);
        return Convert.ToBase64String(bytes, start, bytes.Length - start);
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _text.ToString();
        }
    }
}
