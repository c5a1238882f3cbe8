using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace Telemetry.Core;

/// <summary>A growable byte buffer for the response body, reused across invocations.</summary>
internal sealed class ByteSink
{
    private byte[] _buffer = new byte[1024];
    private int _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(byte value)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }
        _buffer[_length++] = value;
    }

    public void Write(ReadOnlySpan<byte> value)
    {
        if (_buffer.Length - _length < value.Length)
        {
            Grow(value.Length);
        }
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public void Write(long value)
    {
        if (_buffer.Length - _length < 20)
        {
            Grow(20);
        }
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
    }

    private void Grow(int needed)
    {
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + needed));
    }
}
