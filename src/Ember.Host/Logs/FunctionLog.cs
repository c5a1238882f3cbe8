using System.Text;
using System.Threading.Channels;

namespace Ember.Host.Logs;

/// <summary>
/// The log of one function, as CloudWatch would hold it: appended to
/// <c>&lt;data-dir&gt;/logs/&lt;function&gt;.log</c> by a background writer (so invocations never wait
/// on the disk), optionally echoed to the host's console, and kept per invocation for X-Amz-Log-Result.
/// The file is rotated at <see cref="MaxFileBytes"/> (by default): the previous one is kept as <c>&lt;function&gt;.log.1</c>.
/// </summary>
internal sealed class FunctionLog : IAsyncDisposable
{
    /// <summary>Where a log file is rotated, so a chatty function cannot fill the data directory's disk.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>
    /// The most lines of one function echoed to the host's console per second: a function printing
    /// in a loop must not bury everything else there. The log file keeps every line.
    /// </summary>
    public const int EchoedLinesPerSecond = 1000;

    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<string, string>? _echo;
    private readonly Lock _echoGate = new();
    private long _echoWindowStart;
    private int _echoedInWindow;
    private long _notEchoed;
    private readonly Task _writer;

    /// <summary>The background writer of the log file: it ends when the log is disposed, or fails.</summary>
    internal Task Writing => _writer;

    private readonly long _maxFileBytes;

    public FunctionLog(string functionName, string? directory, Action<string, string>? echo, long maxFileBytes = MaxFileBytes)
    {
        FunctionName = functionName;
        _maxFileBytes = maxFileBytes;
        _echo = echo;
        Path = directory is null ? null : System.IO.Path.Combine(directory, functionName + ".log");
        _writer = Path is null ? DiscardAsync() : WriteAsync(Path);
        Platform = new InvocationLogWriter(this);
    }

    /// <summary>The writer of this log's platform lines (INIT_START … REPORT).</summary>
    public InvocationLogWriter Platform { get; }

    public string FunctionName { get; }
    public string? Path { get; }

    public void Write(string line, InvocationLog? invocation = null)
    {
        invocation?.Append(line);
        _lines.Writer.TryWrite(line);
        if (_echo is not null)
        {
            Echo(line);
        }
    }

    private void Echo(string line)
    {
        long notEchoed;
        lock (_echoGate)
        {
            var now = Environment.TickCount64;
            notEchoed = 0;
            if (now - _echoWindowStart >= 1000)
            {
                (notEchoed, _notEchoed) = (_notEchoed, 0);
                _echoWindowStart = now;
                _echoedInWindow = 0;
            }
            if (_echoedInWindow >= EchoedLinesPerSecond)
            {
                _notEchoed++;
                return;
            }
            _echoedInWindow++;
        }
        if (notEchoed > 0)
        {
            _echo!(FunctionName, NotEchoedLine(notEchoed));
        }
        _echo!(FunctionName, line);
    }

    private string NotEchoedLine(long count) =>
        $"[ember] {count} more line(s) of this function were not echoed here (over {EchoedLinesPerSecond} a second); {Path ?? "the log"} keeps them";

    private async Task WriteAsync(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var reader = _lines.Reader;
        var (file, writer) = Open(path);
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                // A short window gathers the lines of many invocations into one write.
                await Task.Delay(20).ConfigureAwait(false);
                if (file.Length >= _maxFileBytes)
                {
                    await writer.DisposeAsync().ConfigureAwait(false);
                    File.Move(path, path + ".1", overwrite: true);
                    (file, writer) = Open(path);
                }
                while (reader.TryRead(out var line))
                {
                    await writer.WriteAsync(line).ConfigureAwait(false);
                    await writer.WriteAsync('\n').ConfigureAwait(false);
                }
                await writer.FlushAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }

        static (FileStream, StreamWriter) Open(string path)
        {
            var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
            return (file, new StreamWriter(file, new UTF8Encoding(false)));
        }
    }

    private async Task DiscardAsync()
    {
        var reader = _lines.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out _))
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        long notEchoed;
        lock (_echoGate)
        {
            (notEchoed, _notEchoed) = (_notEchoed, 0);
        }
        if (notEchoed > 0)
        {
            _echo?.Invoke(FunctionName, NotEchoedLine(notEchoed));
        }
        _lines.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
