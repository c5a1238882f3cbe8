using System.Buffers.Text;
using System.Text.Unicode;

namespace Telemetry.Core;

/// <summary>
/// Finds the request body in a Function URL event (payload format 2.0) and decodes it, from JSON
/// string escapes or base64, into a buffer reused across invocations.
/// </summary>
internal sealed class FunctionUrlEventReader
{
    private byte[] _body = new byte[4096];

    /// <summary>The decoded body; empty when it is missing, null or empty (an empty array by the contract).</summary>
    public ReadOnlySpan<byte> ReadBody(ReadOnlySpan<byte> functionUrlEvent, out bool isEmpty)
    {
        // One vectorized pass proves the whole event is UTF-8, so strings need no per-byte check later.
        if (!Utf8.IsValid(functionUrlEvent))
        {
            throw new InvalidTelemetryRequestException("the event is not valid UTF-8");
        }
        var cursor = new JsonCursor(functionUrlEvent);
        cursor.SkipWhitespace();
        if (cursor.Current != (byte)'{')
        {
            throw new InvalidTelemetryRequestException("the event is not a JSON object");
        }
        cursor.Advance();
        cursor.SkipWhitespace();
        int bodyLength = -1;
        bool isBase64 = false;
        Span<byte> keyBuffer = stackalloc byte[32];
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
                scoped ReadOnlySpan<byte> key = cursor.ReadString(out bool keyEscaped);
                if (keyEscaped)
                {
                    key = key.Length <= keyBuffer.Length ? keyBuffer.Slice(0, JsonEscaping.Unescape(key, keyBuffer)) : "-"u8;
                }
                cursor.SkipWhitespace();
                cursor.Expect((byte)':');
                cursor.SkipWhitespace();
                if (key.SequenceEqual("body"u8))
                {
                    bodyLength = ReadBodyValue(ref cursor, functionUrlEvent);
                }
                else if (key.SequenceEqual("isBase64Encoded"u8) && cursor.Current is (byte)'t' or (byte)'f')
                {
                    isBase64 = cursor.ReadLiteral() == (byte)'t';
                }
                else
                {
                    cursor.SkipValue(1);
                }
                if (cursor.NextOrClose((byte)'}'))
                {
                    continue;
                }
                break;
            }
        }
        cursor.ExpectEnd("the event");

        isEmpty = bodyLength <= 0;
        if (isEmpty)
        {
            return default;
        }
        Span<byte> body = _body.AsSpan(0, bodyLength);
        if (!isBase64)
        {
            // Decoded escapes are valid scalars (lone surrogates are refused), so this is UTF-8 already.
            return body;
        }
        // Python's b64decode(validate=True) refuses whitespace; .NET's decoder skips it, so say no first.
        if (body.IndexOfAny(" \t\r\n"u8) >= 0
            || Base64.DecodeFromUtf8InPlace(body, out int written) != System.Buffers.OperationStatus.Done)
        {
            throw new InvalidTelemetryRequestException("the body is not valid base64");
        }
        body = body.Slice(0, written);
        if (!Utf8.IsValid(body))
        {
            throw new InvalidTelemetryRequestException("the body is not UTF-8 text");
        }
        isEmpty = written == 0;
        return body;
    }

    private int ReadBodyValue(ref JsonCursor cursor, ReadOnlySpan<byte> functionUrlEvent)
    {
        if (cursor.Current == (byte)'n')
        {
            if (cursor.ReadLiteral() != (byte)'n')
            {
                throw new InvalidTelemetryRequestException("the body is not a string");
            }
            return -1;
        }
        if (cursor.Current != (byte)'"')
        {
            throw new InvalidTelemetryRequestException("the body is not a string");
        }
        int start = cursor.Position + 1;
        int room = functionUrlEvent.Length - start + 64;
        if (_body.Length < room)
        {
            _body = new byte[Math.Max(room, _body.Length * 2)];
        }
        int pos = start;
        int length = JsonEscaping.UnescapeBodyString(functionUrlEvent, ref pos, _body);
        // The cursor moves past the string without a second scan.
        cursor = new JsonCursor(functionUrlEvent);
        cursor.MoveTo(pos);
        return length;
    }
}
