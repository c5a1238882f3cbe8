using System.Text;
using System.Threading.Channels;

namespace Ember.Host.Logs;

/// <summary>
/// The log of one function, as CloudWatch would hold it: appended to
/// <c>&lt;data-dir&gt;/logs/&lt;function&gt;.log</c> by a background writer (so invocations never wait
/// on the disk), optionally echoed to the host's console, and kept per invocation for X-Amz-Log-Result.
/// </summary>
internal sealed class FunctionLog : IAsyncDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<string, string>? _echo;
    private readonly Task _writer;

    public FunctionLog(string functionName, string? directory, Action<string, string>? echo)
    {
        FunctionName = functionName;
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
        _echo?.Invoke(FunctionName, line);
    }

    private async Task WriteAsync(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 4096, useAsync: true);
        await using var writer = new StreamWriter(file, new UTF8Encoding(false));
        var reader = _lines.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // A short window gathers the lines of many invocations into one write.
            await Task.Delay(20).ConfigureAwait(false);
            while (reader.TryRead(out var line))
            {
                await writer.WriteAsync(line).ConfigureAwait(false);
                await writer.WriteAsync('\n').ConfigureAwait(false);
            }
            await writer.FlushAsync().ConfigureAwait(false);
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
        _lines.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
