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
    private const nuint Fionread = 0x541B;

    private readonly Stream _stream;
    private readonly Action<string> _line;
    private readonly int _fd = -1;
    private readonly StringBuilder _partial = new();
    private readonly Lock _gate = new();
    private int _inFlight;
    private readonly Task _pump;

    public ProcessOutputPump(Stream stream, Action<string> line)
    {
        _stream = stream;
        _line = line;
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
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        Flush();
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
                    _partial.Append(text);
                    return;
                }
                _partial.Append(text[..newline]);
                if (_partial.Length > 0 && _partial[^1] == '\r')
                {
                    _partial.Length--;
                }
                _line(_partial.ToString());
                _partial.Clear();
                text = text[(newline + 1)..];
            }
        }
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
            }
        }
    }

    /// <summary>Waits (boundedly) until the pipe is empty and every read chunk is passed on.</summary>
    public async ValueTask DrainAsync(TimeSpan limit)
    {
        var deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        var spins = 0;
        while (Pending() && Environment.TickCount64 < deadline)
        {
            if (++spins < 20)
            {
                Thread.Yield();
            }
            else
            {
                await Task.Delay(1).ConfigureAwait(false);
            }
        }
        Flush();
    }

    private bool Pending()
    {
        if (Volatile.Read(ref _inFlight) > 0)
        {
            return true;
        }
        if (_fd < 0 || _pump.IsCompleted)
        {
            return false;
        }
        return Ioctl(_fd, Fionread, out var available) == 0 && available > 0;
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, out int value);
}
