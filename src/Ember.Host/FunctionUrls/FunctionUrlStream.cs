using System.Buffers;
using System.Text.Json;
using Ember.Host.Invocations;
using Ember.Host.Wire;
using Microsoft.AspNetCore.Http;

namespace Ember.Host.FunctionUrls;

/// <summary>
/// A Function URL in RESPONSE_STREAM mode sends a streamed response on as it is produced. A stream posted as an HTTP
/// integration response (<see cref="RuntimeApiHeaders.HttpIntegrationResponse"/>) starts with a JSON prelude
/// (<c>statusCode</c>, <c>headers</c>, <c>cookies</c>) and eight NUL bytes, which set the status and headers; any other
/// stream is sent as Lambda does, 200 with <c>application/octet-stream</c>. The body is chunked, each piece flushed.
/// </summary>
internal static class FunctionUrlStream
{
    /// <summary>The largest prelude read before its eight NUL bytes; past it the stream is taken as having none.</summary>
    private const int MaxPreludeBytes = 64 * 1024;

    private static ReadOnlySpan<byte> Separator => [0, 0, 0, 0, 0, 0, 0, 0];

    public static async Task RelayAsync(HttpContext context, ResponseStream stream, string requestId)
    {
        var response = context.Response;
        var head = new FunctionUrlResponse(200, [new("Content-Type", "application/octet-stream")], [], ReadOnlyMemory<byte>.Empty);
        if (stream.ContentType is { } type && type.StartsWith(RuntimeApiHeaders.HttpIntegrationResponse, StringComparison.OrdinalIgnoreCase)
            && await ReadPreludeAsync(stream).ConfigureAwait(false) is { } prelude)
        {
            head = prelude;
        }
        response.StatusCode = head.StatusCode;
        foreach (var (name, value) in head.Headers)
        {
            response.Headers.Append(name, value);
        }
        foreach (var cookie in head.Cookies)
        {
            response.Headers.Append("set-cookie", cookie);
        }
        response.Headers[InvokeApiHeaders.RequestId] = requestId;
        await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        await stream.RelayAsync(async (piece, token) =>
        {
            await response.Body.WriteAsync(piece, token).ConfigureAwait(false);
            await response.Body.FlushAsync(token).ConfigureAwait(false);
        }, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads the prelude up to its eight NUL bytes (leaving the body in the stream); null when there is none to read.</summary>
    private static async Task<FunctionUrlResponse?> ReadPreludeAsync(ResponseStream stream)
    {
        while (true)
        {
            var result = await stream.Body.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> prelude, Separator, advancePastDelimiter: true))
            {
                var parsed = Parse(prelude.ToArray());
                stream.Body.AdvanceTo(reader.Position);
                return parsed;
            }
            if (result.IsCompleted || buffer.Length > MaxPreludeBytes)
            {
                // No prelude: what came is the body, sent as it is.
                stream.Body.AdvanceTo(buffer.Start);
                return null;
            }
            stream.Body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static FunctionUrlResponse Parse(byte[] prelude)
    {
        var status = 200;
        var headers = new List<KeyValuePair<string, string>>();
        var cookies = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(prelude);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("statusCode", out var code) && code.TryGetInt32(out var number) && number is >= 100 and <= 599)
                {
                    status = number;
                }
                if (root.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
                {
                    headers.AddRange(h.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())));
                }
                if (root.TryGetProperty("cookies", out var c) && c.ValueKind == JsonValueKind.Array)
                {
                    cookies.AddRange(c.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
                }
            }
        }
        catch (JsonException)
        {
            // A prelude that is not JSON sets nothing: Lambda's defaults stand.
        }
        if (!headers.Any(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Content-Type", "application/octet-stream"));
        }
        return new FunctionUrlResponse(status, headers, cookies, ReadOnlyMemory<byte>.Empty);
    }
}
