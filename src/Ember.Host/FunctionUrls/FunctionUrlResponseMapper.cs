using System.Text;
using System.Text.Json;

namespace Ember.Host.FunctionUrls;

/// <summary>
/// Maps a function's output back to HTTP as Function URLs do: an object with statusCode gives the
/// status, headers, cookies (each a Set-Cookie) and body (decoded when isBase64Encoded); any other
/// valid JSON is the body of a 200 application/json response; anything else is a 502.
/// </summary>
internal static class FunctionUrlResponseMapper
{
    private static readonly KeyValuePair<string, string> s_json = new("content-type", "application/json");

    public static FunctionUrlResponse Map(ReadOnlyMemory<byte> output) =>
        TryMap(output, out var response) ? response : BadGateway();

    /// <summary>The mapping, or false for output no Function URL (or HTTP API, format 2.0) can send back.</summary>
    public static bool TryMap(ReadOnlyMemory<byte> output, out FunctionUrlResponse response)
    {
        response = BadGateway();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException)
        {
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var statusElement))
            {
                response = new FunctionUrlResponse(200, [s_json], [], output);
                return true;
            }
            if (!TryStatus(statusElement, out var status))
            {
                return false;
            }
            var headers = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in h.EnumerateObject())
                {
                    headers.Add(new(header.Name, Text(header.Value)));
                }
            }
            var cookies = new List<string>();
            if (root.TryGetProperty("cookies", out var c) && c.ValueKind == JsonValueKind.Array)
            {
                cookies.AddRange(c.EnumerateArray().Select(Text));
            }
            ReadOnlyMemory<byte> body = Array.Empty<byte>();
            if (root.TryGetProperty("body", out var b) && b.ValueKind != JsonValueKind.Null)
            {
                var text = b.ValueKind == JsonValueKind.String ? b.GetString()! : b.GetRawText();
                var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
                if (base64)
                {
                    try
                    {
                        body = Convert.FromBase64String(text);
                    }
                    catch (FormatException)
                    {
                        return false;
                    }
                }
                else
                {
                    body = Encoding.UTF8.GetBytes(text);
                }
            }
            response = new FunctionUrlResponse(status, headers, cookies, body);
            return true;
        }
    }

    public static FunctionUrlResponse BadGateway() =>
        new(502, [s_json], [], """{"Message":"Internal Server Error"}"""u8.ToArray());

    public static FunctionUrlResponse TooManyRequests() =>
        new(429, [s_json], [], """{"Message":"Rate Exceeded."}"""u8.ToArray());

    public static FunctionUrlResponse NotFound() =>
        new(404, [s_json], [], """{"Message":"Not Found"}"""u8.ToArray());

    /// <summary>An AWS_IAM URL called without a signature: Lambda's AccessDeniedException, before any invocation.</summary>
    public static FunctionUrlResponse Forbidden() =>
        new(403, [s_json, new(Wire.InvokeApiHeaders.ErrorType, Wire.ErrorTypes.AccessDenied)], [],
            """{"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"}"""u8.ToArray());

    public static FunctionUrlResponse PayloadTooLarge() =>
        new(413, [s_json], [], """{"Message":"Request Entity Too Large"}"""u8.ToArray());

    internal static bool TryStatus(JsonElement element, out int status)
    {
        status = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt32(out status) && status is >= 100 and <= 599,
            JsonValueKind.String => int.TryParse(element.GetString(), out status) && status is >= 100 and <= 599,
            _ => false,
        };
    }

    internal static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
