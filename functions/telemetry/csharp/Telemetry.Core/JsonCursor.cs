using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Telemetry.Core;

/// <summary>
/// A forward-only, validating walk over JSON text (RFC 8259), in the spirit of Utf8JsonReader but
/// without its token state machine: the telemetry parser asks for exactly what it expects next.
/// UTF-8 validity is checked once for the whole text by the caller (vectorized), so strings are
/// only checked here for control characters, escapes and surrogate pairs.
/// </summary>
internal ref struct JsonCursor(ReadOnlySpan<byte> text)
{
    /// <summary>Deeper nesting is refused rather than risking the stack (Python's own limit is near 1,000).</summary>
    public const int MaxDepth = 900;

    private readonly ReadOnlySpan<byte> _text = text;
    private int _pos;

    public readonly int Position => _pos;

    public readonly bool AtEnd => _pos >= _text.Length;

    public readonly ReadOnlySpan<byte> Text => _text;

    /// <summary>The current byte, or 0 past the end (0 is never valid JSON, so it fails every check).</summary>
    public readonly byte Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (uint)_pos < (uint)_text.Length ? _text[_pos] : (byte)0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance() => _pos++;

    public void MoveTo(int position) => _pos = position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SkipWhitespace()
    {
        // Compact JSON is the common case: one compare and out.
        while (Current is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            _pos++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Expect(byte expected)
    {
        if (Current != expected)
        {
            ThrowUnexpected();
        }
        _pos++;
    }

    /// <summary>
    /// After a value in an array or object: true at a comma (moved past it and the white space after,
    /// so the next element is current), false at <paramref name="close"/> (consumed); anything else is invalid.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextOrClose(byte close)
    {
        SkipWhitespace();
        if (Current == (byte)',')
        {
            _pos++;
            SkipWhitespace();
            return true;
        }
        Expect(close);
        return false;
    }

    /// <summary>Only white space may follow the document; <paramref name="what"/> names it in the error.</summary>
    public void ExpectEnd(string what)
    {
        SkipWhitespace();
        if (!AtEnd)
        {
            throw InvalidTelemetryRequestException.At($"text after {what}", Position);
        }
    }

    /// <summary>Reads a string whose opening quote is current; returns its raw content (escapes undecoded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> ReadString(out bool escaped)
    {
        int start = ++_pos;
        ReadOnlySpan<byte> text = _text;
        int pos = start;
        // Strings in this workload are short: a table lookup per byte beats a vector search's setup.
        while ((uint)pos < (uint)text.Length && !JsonEscaping.IsStringStop(text[pos]))
        {
            pos++;
        }
        if ((uint)pos < (uint)text.Length && text[pos] == (byte)'"')
        {
            _pos = pos + 1;
            escaped = false;
            return text.Slice(start, pos - start);
        }
        _pos = pos;
        escaped = true;
        return ReadEscapedStringTail(start);
    }

    private ReadOnlySpan<byte> ReadEscapedStringTail(int start)
    {
        ReadOnlySpan<byte> text = _text;
        int pos = _pos;
        while (true)
        {
            if ((uint)pos >= (uint)text.Length)
            {
                throw InvalidTelemetryRequestException.At("unterminated string", start);
            }
            byte b = text[pos];
            if (b == (byte)'"')
            {
                _pos = pos + 1;
                return text.Slice(start, pos - start);
            }
            if (b < 0x20)
            {
                throw InvalidTelemetryRequestException.At("control character in a string", pos);
            }
            if (b != (byte)'\\')
            {
                pos++;
                continue;
            }
            pos = JsonEscaping.ValidateEscape(text, pos);
        }
    }

    public const int OtherKey = 0;
    public const int EndpointKey = 1;
    public const int StatusKey = 2;
    public const int UserIdKey = 3;
    public const int DurationKey = 4;

    private static readonly ulong s_endpoint = BinaryPrimitives.ReadUInt64LittleEndian("endpoint"u8);
    private static readonly ulong s_statusQuote = BinaryPrimitives.ReadUInt64LittleEndian("status\"\0"u8);
    private static readonly ulong s_userIdQuote = BinaryPrimitives.ReadUInt64LittleEndian("user_id\""u8);
    private static readonly ulong s_duration = BinaryPrimitives.ReadUInt64LittleEndian("duration"u8);
    private static readonly uint s_msQuote = BinaryPrimitives.ReadUInt32LittleEndian("_ms\""u8);

    /// <summary>
    /// With a key's opening quote current: recognizes the four telemetry keys written plainly by two
    /// 8-byte compares and moves past the key, instead of scanning it byte by byte; returns
    /// <see cref="OtherKey"/> (moving nothing) for any other key or an escaped one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int TryReadTelemetryKey()
    {
        ReadOnlySpan<byte> rest = _text.Slice(_pos);
        if (rest.Length < 17)
        {
            return OtherKey;
        }
        ulong head = BinaryPrimitives.ReadUInt64LittleEndian(rest.Slice(1));
        ulong tail = BinaryPrimitives.ReadUInt64LittleEndian(rest.Slice(9));
        if (head == s_endpoint && (byte)tail == (byte)'"')
        {
            _pos += 10;
            return EndpointKey;
        }
        if ((head & 0x00FF_FFFF_FFFF_FFFFUL) == s_statusQuote)
        {
            _pos += 8;
            return StatusKey;
        }
        if (head == s_userIdQuote)
        {
            _pos += 9;
            return UserIdKey;
        }
        if (head == s_duration && (uint)tail == s_msQuote)
        {
            _pos += 13;
            return DurationKey;
        }
        return OtherKey;
    }

    /// <summary>The telemetry field a decoded key names.</summary>
    public static int TelemetryKeyOf(ReadOnlySpan<byte> key) => key.Length switch
    {
        8 when key.SequenceEqual("endpoint"u8) => EndpointKey,
        6 when key.SequenceEqual("status"u8) => StatusKey,
        7 when key.SequenceEqual("user_id"u8) => UserIdKey,
        11 when key.SequenceEqual("duration_ms"u8) => DurationKey,
        _ => OtherKey,
    };

    /// <summary>
    /// Reads a number that is a plain integer of at most 18 digits (so it fits in 64 bits), with its
    /// value, in one pass; returns false, moving nothing, for any other number (the caller then uses
    /// <see cref="ReadNumber"/>). Durations and statuses are all of this kind in practice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadSmallInteger(out long value)
    {
        ReadOnlySpan<byte> text = _text;
        int pos = _pos;
        bool negative = Peek(text, pos) == (byte)'-';
        if (negative)
        {
            pos++;
        }
        int digitsStart = pos;
        long magnitude = 0;
        uint digit = Peek(text, pos) - (uint)'0';
        if (digit == 0)
        {
            pos++;
        }
        else
        {
            while (digit <= 9 && pos - digitsStart < 18)
            {
                magnitude = magnitude * 10 + digit;
                pos++;
                digit = Peek(text, pos) - (uint)'0';
            }
        }
        byte next = Peek(text, pos);
        if (pos == digitsStart || next - (uint)'0' <= 9 || next == (byte)'.' || (next | 0x20) == (byte)'e')
        {
            value = 0;
            return false;
        }
        _pos = pos;
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>Scans a number starting at the current byte; returns its text.</summary>
    public ReadOnlySpan<byte> ReadNumber(out bool isInteger)
    {
        ReadOnlySpan<byte> text = _text;
        int start = _pos;
        int pos = start;
        if (Peek(text, pos) == (byte)'-')
        {
            pos++;
        }
        byte b = Peek(text, pos);
        if (b == (byte)'0')
        {
            pos++;
        }
        else if (b - (uint)'1' <= 8)
        {
            pos++;
            while (Peek(text, pos) - (uint)'0' <= 9)
            {
                pos++;
            }
        }
        else
        {
            throw InvalidTelemetryRequestException.At("invalid number", start);
        }
        isInteger = true;
        if (Peek(text, pos) == (byte)'.')
        {
            isInteger = false;
            pos++;
            pos = ReadDigits(text, pos, start);
        }
        if ((Peek(text, pos) | 0x20) == (byte)'e')
        {
            isInteger = false;
            pos++;
            if (Peek(text, pos) is (byte)'+' or (byte)'-')
            {
                pos++;
            }
            pos = ReadDigits(text, pos, start);
        }
        _pos = pos;
        return text.Slice(start, pos - start);
    }

    private static int ReadDigits(ReadOnlySpan<byte> text, int pos, int numberStart)
    {
        if (Peek(text, pos) - (uint)'0' > 9)
        {
            throw InvalidTelemetryRequestException.At("invalid number", numberStart);
        }
        do
        {
            pos++;
        }
        while (Peek(text, pos) - (uint)'0' <= 9);
        return pos;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Peek(ReadOnlySpan<byte> text, int pos) =>
        (uint)pos < (uint)text.Length ? text[pos] : (byte)0;

    /// <summary>Reads <c>true</c>, <c>false</c> or <c>null</c>; returns the first byte.</summary>
    public byte ReadLiteral()
    {
        byte first = Current;
        ReadOnlySpan<byte> literal = first switch
        {
            (byte)'t' => "true"u8,
            (byte)'f' => "false"u8,
            (byte)'n' => "null"u8,
            _ => default,
        };
        if (literal.IsEmpty || !_text.Slice(_pos).StartsWith(literal))
        {
            ThrowUnexpected();
        }
        _pos += literal.Length;
        return first;
    }

    /// <summary>Skips one value of any kind, validating it.</summary>
    public void SkipValue(int depth)
    {
        switch (Current)
        {
            case (byte)'"':
                ReadString(out _);
                break;
            case (byte)'{':
                SkipObject(depth + 1);
                break;
            case (byte)'[':
                SkipArray(depth + 1);
                break;
            case (byte)'t' or (byte)'f' or (byte)'n':
                ReadLiteral();
                break;
            default:
                ReadNumber(out _);
                break;
        }
    }

    private void SkipObject(int depth)
    {
        CheckDepth(depth);
        _pos++;
        SkipWhitespace();
        if (Current == (byte)'}')
        {
            _pos++;
            return;
        }
        while (true)
        {
            if (Current != (byte)'"')
            {
                ThrowUnexpected();
            }
            ReadString(out _);
            SkipWhitespace();
            Expect((byte)':');
            SkipWhitespace();
            SkipValue(depth);
            if (NextOrClose((byte)'}'))
            {
                continue;
            }
            return;
        }
    }

    private void SkipArray(int depth)
    {
        CheckDepth(depth);
        _pos++;
        SkipWhitespace();
        if (Current == (byte)']')
        {
            _pos++;
            return;
        }
        while (true)
        {
            SkipValue(depth);
            if (NextOrClose((byte)']'))
            {
                continue;
            }
            return;
        }
    }

    private readonly void CheckDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw InvalidTelemetryRequestException.At("nesting too deep", _pos);
        }
    }

    public readonly void ThrowUnexpected()
    {
        if (AtEnd)
        {
            throw InvalidTelemetryRequestException.At("unexpected end of JSON", _pos);
        }
        throw InvalidTelemetryRequestException.At($"unexpected character 0x{_text[_pos]:x2}", _pos);
    }
}
