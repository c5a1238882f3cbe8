using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Telemetry.Core;

/// <summary>
/// The aggregates of one request and the parser that fills them, kept per thread and reused, so a
/// warm invocation allocates nothing: no DOM, no object per event, keys hashed as bytes.
/// </summary>
internal sealed class TelemetryBatch
{
    private static readonly byte[] Unknown = "unknown"u8.ToArray();

    private readonly ByteStringCounter _endpoints = new(16);
    private readonly ByteStringCounter _statuses = new(16);
    private readonly ByteStringCounter _users = new(1024);
    private readonly DurationSelector _durations = new();
    private byte[] _scratch = new byte[256];
    private KeyCount[] _ordered = new KeyCount[16];
    private long _totalEvents;

    internal ByteStringCounter Endpoints => _endpoints;

    internal ByteStringCounter Statuses => _statuses;

    internal ByteStringCounter Users => _users;

    internal DurationSelector Durations => _durations;

    internal long TotalEvents => _totalEvents;

    /// <summary>The p95 duration the last <see cref="WriteResult"/> wrote.</summary>
    internal long P95DurationMs { get; private set; }

    /// <summary>Parses the body (a JSON array of events) and aggregates it.</summary>
    public void Aggregate(ReadOnlySpan<byte> body)
    {
        _endpoints.Reset(16);
        _statuses.Reset(16);
        // A generated event takes about 80 bytes; this sizes the user table so it never rehashes.
        _users.Reset(body.Length / 64 + 16);
        _durations.Reset();
        _totalEvents = 0;
        if (_scratch.Length < body.Length)
        {
            _scratch = new byte[body.Length];
        }

        var cursor = new JsonCursor(body);
        cursor.SkipWhitespace();
        if (cursor.Current != (byte)'[')
        {
            throw InvalidTelemetryRequestException.At("the body is not a JSON array", cursor.Position);
        }
        cursor.Advance();
        cursor.SkipWhitespace();
        if (cursor.Current == (byte)']')
        {
            cursor.Advance();
        }
        else
        {
            while (true)
            {
                if (cursor.Current == (byte)'{')
                {
                    AggregateEvent(ref cursor, body);
                }
                else
                {
                    cursor.SkipValue(1);
                }
                _totalEvents++;
                if (cursor.NextOrClose((byte)']'))
                {
                    continue;
                }
                break;
            }
        }
        cursor.ExpectEnd("the array");
    }

    private void AggregateEvent(ref JsonCursor cursor, ReadOnlySpan<byte> body)
    {
        FieldValue endpoint = default, status = default, user = default, duration = default;
        cursor.Advance();
        cursor.SkipWhitespace();
        if (cursor.Current == (byte)'}')
        {
            cursor.Advance();
        }
        else
        {
            while (true)
            {
                if (cursor.Current != (byte)'"')
                {
                    cursor.ThrowUnexpected();
                }
                int field = cursor.TryReadTelemetryKey();
                if (field == JsonCursor.OtherKey)
                {
                    ReadOnlySpan<byte> key = cursor.ReadString(out bool keyEscaped);
                    if (keyEscaped)
                    {
                        key = _scratch.AsSpan(0, JsonEscaping.Unescape(key, _scratch));
                    }
                    field = JsonCursor.TelemetryKeyOf(key);
                }
                cursor.SkipWhitespace();
                cursor.Expect((byte)':');
                cursor.SkipWhitespace();
                // A key given twice: the last one counts, so a field is only read, never acted on, here.
                switch (field)
                {
                    case JsonCursor.EndpointKey:
                        endpoint = ReadField(ref cursor);
                        break;
                    case JsonCursor.StatusKey:
                        status = ReadField(ref cursor);
                        break;
                    case JsonCursor.UserIdKey:
                        user = ReadField(ref cursor);
                        break;
                    case JsonCursor.DurationKey:
                        duration = ReadField(ref cursor);
                        break;
                    default:
                        cursor.SkipValue(2);
                        break;
                }
                if (cursor.NextOrClose((byte)'}'))
                {
                    continue;
                }
                break;
            }
        }

        if (endpoint.IsString && endpoint.Length > 0)
        {
            _endpoints.Increment(StringOf(endpoint, body));
        }
        else
        {
            _endpoints.Increment(Unknown);
        }

        ReadOnlySpan<byte> statusKey = Unknown;
        if (status.IsString)
        {
            statusKey = StringOf(status, body);
        }
        else if (status.Kind is FieldKind.Integer or FieldKind.SmallInteger)
        {
            ReadOnlySpan<byte> canonical = CanonicalInt64(body.Slice(status.Start, status.Length));
            if (!canonical.IsEmpty)
            {
                statusKey = canonical;
            }
        }
        _statuses.Increment(statusKey);

        if (user.IsString && user.Length > 0)
        {
            _users.Increment(StringOf(user, body));
        }
        else if (user.Kind is FieldKind.Integer or FieldKind.SmallInteger)
        {
            ReadOnlySpan<byte> userKey = CanonicalInt64(body.Slice(user.Start, user.Length));
            if (!userKey.IsEmpty)
            {
                _users.Increment(userKey);
            }
        }

        _durations.Add(duration.Kind switch
        {
            FieldKind.SmallInteger => duration.Value,
            FieldKind.Integer => ParseInt64(body.Slice(duration.Start, duration.Length), duration.Start),
            FieldKind.Float => TruncateFloat(body.Slice(duration.Start, duration.Length), duration.Start),
            _ => 0,
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldValue ReadField(ref JsonCursor cursor)
    {
        byte first = cursor.Current;
        int start = cursor.Position;
        if (first == (byte)'"')
        {
            ReadOnlySpan<byte> raw = cursor.ReadString(out bool escaped);
            return new FieldValue(escaped ? FieldKind.EscapedString : FieldKind.String, start + 1, raw.Length);
        }
        if (first == (byte)'-' || first - (uint)'0' <= 9)
        {
            if (cursor.TryReadSmallInteger(out long value))
            {
                return new FieldValue(FieldKind.SmallInteger, start, cursor.Position - start, value);
            }
            ReadOnlySpan<byte> number = cursor.ReadNumber(out bool isInteger);
            return new FieldValue(isInteger ? FieldKind.Integer : FieldKind.Float, start, number.Length);
        }
        if (first == (byte)'n')
        {
            cursor.ReadLiteral();
            return default;
        }
        cursor.SkipValue(2);
        return new FieldValue(FieldKind.Other, start, 0);
    }

    private ReadOnlySpan<byte> StringOf(FieldValue field, ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> raw = body.Slice(field.Start, field.Length);
        return field.Kind == FieldKind.String ? raw : _scratch.AsSpan(0, JsonEscaping.Unescape(raw, _scratch));
    }

    /// <summary>The decimal form of an integer that fits in 64 bits (its JSON text, but "0" for "-0"); empty otherwise.</summary>
    private static ReadOnlySpan<byte> CanonicalInt64(ReadOnlySpan<byte> text)
    {
        int digits = text[0] == (byte)'-' ? text.Length - 1 : text.Length;
        // Up to 18 digits always fits; only 19 digits need the exact check. The text is valid JSON,
        // so it is already canonical apart from "-0".
        if (digits > 18 && !TryParseInt64(text, out _))
        {
            return default;
        }
        return text.Length == 2 && text[1] == (byte)'0' && text[0] == (byte)'-' ? "0"u8 : text;
    }

    private static long ParseInt64(ReadOnlySpan<byte> text, int position)
    {
        if (!TryParseInt64(text, out long value))
        {
            throw InvalidTelemetryRequestException.At("duration_ms is outside the 64-bit range", position);
        }
        return value;
    }

    /// <summary>Parses a validated JSON integer; false when it does not fit in 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseInt64(ReadOnlySpan<byte> text, out long value)
    {
        bool negative = text[0] == (byte)'-';
        int i = negative ? 1 : 0;
        if (text.Length - i > 18)
        {
            return Utf8Parser.TryParse(text, out value, out int consumed) && consumed == text.Length;
        }
        long magnitude = 0;
        for (; i < text.Length; i++)
        {
            magnitude = magnitude * 10 + (text[i] - '0');
        }
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static long TruncateFloat(ReadOnlySpan<byte> text, int position)
    {
        double value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!(value >= -9223372036854775808.0 && value < 9223372036854775808.0))
        {
            throw InvalidTelemetryRequestException.At("duration_ms is outside the 64-bit range", position);
        }
        return (long)value;
    }

    /// <summary>Writes the 200 body: the contract's fields in order, strings escaped minimally.</summary>
    public void WriteResult(ByteSink sink, long computeMs)
    {
        sink.Write("{\"total_events\":"u8);
        sink.Write(_totalEvents);
        sink.Write(",\"unique_users\":"u8);
        sink.Write(_users.Count);
        sink.Write(",\"p95_duration_ms\":"u8);
        P95DurationMs = _durations.P95();
        sink.Write(P95DurationMs);
        sink.Write(",\"top_endpoints\":["u8);
        WriteTopEndpoints(sink);
        sink.Write("],\"status_counts\":{"u8);
        WriteStatusCounts(sink);
        sink.Write("},\"compute_ms\":"u8);
        sink.Write(computeMs);
        sink.Write(",\"language\":\"csharp\"}"u8);
    }

    private void WriteTopEndpoints(ByteSink sink)
    {
        Span<KeyCount> all = Ordered(_endpoints);
        // Top 5 by a bounded insertion: no sort of every endpoint.
        Span<KeyCount> top = stackalloc KeyCount[5];
        int kept = 0;
        foreach (KeyCount candidate in all)
        {
            int at = kept;
            while (at > 0 && Ranks(_endpoints, candidate, top[at - 1]))
            {
                at--;
            }
            if (at >= 5)
            {
                continue;
            }
            int last = Math.Min(kept, 4);
            for (int i = last; i > at; i--)
            {
                top[i] = top[i - 1];
            }
            top[at] = candidate;
            kept = Math.Min(kept + 1, 5);
        }
        for (int i = 0; i < kept; i++)
        {
            if (i > 0)
            {
                sink.Write((byte)',');
            }
            sink.Write((byte)'[');
            JsonEscaping.WriteString(_endpoints.KeyOf(top[i]), sink);
            sink.Write((byte)',');
            sink.Write(top[i].Count);
            sink.Write((byte)']');
        }
    }

    /// <summary>True when <paramref name="a"/> comes before <paramref name="b"/>: count descending, then key ascending.</summary>
    private static bool Ranks(ByteStringCounter counter, in KeyCount a, in KeyCount b) =>
        a.Count != b.Count ? a.Count > b.Count : counter.KeyOf(a).SequenceCompareTo(counter.KeyOf(b)) < 0;

    private void WriteStatusCounts(ByteSink sink)
    {
        Span<KeyCount> all = Ordered(_statuses);
        if (all.Length <= 32)
        {
            // A handful of statuses in practice: an insertion sort, where Span.Sort with a comparer
            // allocated a delegate and a boxed comparer (88 B) on every call.
            for (int i = 1; i < all.Length; i++)
            {
                KeyCount item = all[i];
                int j = i - 1;
                while (j >= 0 && _statuses.KeyOf(all[j]).SequenceCompareTo(_statuses.KeyOf(item)) > 0)
                {
                    all[j + 1] = all[j];
                    j--;
                }
                all[j + 1] = item;
            }
        }
        else
        {
            all.Sort(new KeyOrder(_statuses));
        }
        for (int i = 0; i < all.Length; i++)
        {
            if (i > 0)
            {
                sink.Write((byte)',');
            }
            JsonEscaping.WriteString(_statuses.KeyOf(all[i]), sink);
            sink.Write((byte)':');
            sink.Write(all[i].Count);
        }
    }

    private Span<KeyCount> Ordered(ByteStringCounter counter)
    {
        if (_ordered.Length < counter.Count)
        {
            _ordered = new KeyCount[counter.Count];
        }
        return _ordered.AsSpan(0, counter.CopyTo(_ordered));
    }

    private readonly struct KeyOrder(ByteStringCounter counter) : IComparer<KeyCount>
    {
        public int Compare(KeyCount x, KeyCount y) => counter.KeyOf(x).SequenceCompareTo(counter.KeyOf(y));
    }

    private enum FieldKind : byte
    {
        Missing = 0,
        String,
        EscapedString,
        SmallInteger,
        Integer,
        Float,
        Other,
    }

    private readonly record struct FieldValue(FieldKind Kind, int Start, int Length, long Value = 0)
    {
        public bool IsString => Kind is FieldKind.String or FieldKind.EscapedString;
    }
}
