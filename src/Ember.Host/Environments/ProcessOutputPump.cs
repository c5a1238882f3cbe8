using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Text;

namespace Ember.Host.Environments;

/// <summary>
/// Reads a function process's stdout or stderr line by line. <see cref="DrainAsync"/> returns once
/// everything the process wrote so far has been passed on, so that END follows the function's own
/// output, as in Lambda's log.
/// </summary>
internal sealed partial class ProcessOutputPump
{
    /// <summary>
    /// The longest line passed on, in UTF-8 bytes: Lambda's largest log event (256 KB). The rest of
    /// a longer line is dropped, so one runaway print cannot hold the host's memory or flood its log.
    /// </summary>
    public const int MaxLineBytes = 256 * 1024;

    private const nuint Fionread = 0x541B;

    private readonly Stream _stream;
    private readonly Action<string> _line;
    private readonly int _fd = -1;
    private readonly StringBuilder _partial = new();
    private readonly int _maxLineBytes;
    private int _partialBytes;
    private readonly Lock _gate = new();
    private int _inFlight;
    private TaskCompletionSource? _drained;
    private readonly Task _pump;

    public ProcessOutputPump(Stream stream, Action<string> line, int maxLineBytes = MaxLineBytes)
    {
        _stream = stream;
        _line = line;
        _maxLineBytes = maxLineBytes;
        if (stream is PipeStream pipe)
        {
            _fd = (int)pipe.SafePipeHandle.DangerousGetHandle();
        }
        else if (stream is FileStream file)
        {
            _fd = (int)file.SafeFileHandle.DangerousGetHandle();
        }
        _pump = Task.Run(PumpAsync);
    }

    public Task Completion => _pump;

    private async Task PumpAsync()
    {
        var buffer = new byte[16 * 1024];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                Interlocked.Increment(ref _inFlight);
                try
                {
                    var count = decoder.GetChars(buffer, 0, read, chars, 0);
                    Emit(chars.AsSpan(0, count));
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
                SignalIfDrained(stopped: false);
            }
        }
        catch (IOException)
        {
            // The pipe broke: the process is gone, and what was read is flushed below.
        }
        catch (ObjectDisposedException)
        {
            // The stream was closed under the pump at shutdown: the same end.
        }
        Flush();
        SignalIfDrained(stopped: true);
    }

    private void Emit(ReadOnlySpan<char> text)
    {
        lock (_gate)
        {
            while (true)
            {
                var newline = text.IndexOf('\n');
                if (newline < 0)
                {
                    Append(text);
                    return;
                }
                Append(text[..newline]);
                if (_partial.Length > 0 && _partial[^1] == '\r')
                {
                    _partial.Length--;
                }
                _line(_partial.ToString());
                _partial.Clear();
                _partialBytes = 0;
                text = text[(newline + 1)..];
            }
        }
    }

    /// <summary>Adds to the line being read what fits within <see cref="MaxLineBytes"/>, whole characters only.</summary>
    private void Append(ReadOnlySpan<char> text)
    {
        var room = _maxLineBytes - _partialBytes;
        if (room <= 0)
        {
            return;
        }
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > room)
        {
            // Cut at the largest prefix that fits, by characters (a surrogate pair stays whole or goes).
            var fits = 0;
            var used = 0;
            while (fits < text.Length)
            {
                var width = char.IsHighSurrogate(text[fits]) && fits + 1 < text.Length ? 2 : 1;
                var size = Encoding.UTF8.GetByteCount(text.Slice(fits, width));
                if (used + size > room)
                {
                    break;
                }
                used += size;
                fits += width;
            }
            text = text[..fits];
            bytes = _maxLineBytes - _partialBytes;
        }
        _partial.Append(text);
        _partialBytes += bytes;
    }

    /// <summary>Passes on a line the process has not ended yet.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_partial.Length > 0)
            {
                _line(_partial.ToString());
                _partial.Clear();
                _partialBytes = 0;
            }
        }
    }

    /// <summary>
    /// Waits (boundedly) until the pipe is empty and every read chunk is passed on. The pump says
    /// so when it has passed on a chunk and finds nothing more in the pipe; nothing polls.
    /// </summary>
    public async ValueTask DrainAsync(TimeSpan limit)
    {
        Task drained;
        lock (_gate)
        {
            if (!Pending())
            {
                drained = Task.CompletedTask;
            }
            else
            {
                _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                drained = _drained.Task;
            }
        }
        try
        {
            await drained.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The process keeps writing: what it wrote so far is passed on below, the rest follows as it comes.
        }
        Flush();
    }

    /// <summary>Ends a <see cref="DrainAsync"/> wait once nothing is left to pass on (or the pump has stopped).</summary>
    private void SignalIfDrained(bool stopped)
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            waiter = _drained;
            if (waiter is null || (!stopped && Pending()))
            {
                return;
            }
            _drained = null;
        }
        waiter.TrySetResult();
    }

    private bool Pending()
    {
        if (Volatile.Read(ref _inFlight) > 0)
        {
            return true;
        }
        if (_fd < 0 || _pump is null || _pump.IsCompleted)
        {
            return false;
        }
        return Ioctl(_fd, Fionread, out var available) == 0 && available > 0;
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, out int value);
}
