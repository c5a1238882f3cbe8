using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ember.Host.FunctionUrls;

/// <summary>
/// Maps an HTTP request to the Function URL event (payload format 2.0), field for field as Lambda
/// builds it: lower-case header names with repeated values joined by commas, cookies apart,
/// query parameters decoded and joined by commas, a text body as is and any other body in base64.
/// </summary>
internal static class FunctionUrlEventMapper
{
    // Relaxed escaping writes a quote as \" rather than \u0022: a JSON body passed through as text
    // stays close to its own size, as in Lambda's events.
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    // A multiple of 3, so that base64 segments carry no leftover bytes between them.
    private const int BodySegment = 48 * 1024;

    public static byte[] Map(FunctionUrlRequest request)
    {
        // Room for a JSON body's escaped quotes or a binary one's base64 (4/3), so it is allocated once.
        var buffer = new ArrayBufferWriter<byte>(Math.Max(1024, request.Body.Length * 3 / 2 + 2048));
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            Write(json, request);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter json, FunctionUrlRequest request)
    {
        json.WriteStartObject();
        json.WriteString("version", "2.0");
        json.WriteString("routeKey", request.RouteKey);
        json.WriteString("rawPath", request.RawPath);
        json.WriteString("rawQueryString", request.RawQueryString);

        var cookies = new List<string>();
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in request.Headers)
        {
            var lower = name.ToLowerInvariant();
            if (lower == "cookie")
            {
                cookies.AddRange(value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                continue;
            }
            var index = headers.FindIndex(h => h.Key == lower);
            headers.Add(new(lower, value));
            if (index >= 0)
            {
                headers[index] = new(lower, headers[index].Value + "," + value);
                headers.RemoveAt(headers.Count - 1);
            }
        }
        if (cookies.Count > 0)
        {
            json.WriteStartArray("cookies");
            foreach (var cookie in cookies)
            {
                json.WriteStringValue(cookie);
            }
            json.WriteEndArray();
        }
        json.WriteStartObject("headers");
        foreach (var (name, value) in headers)
        {
            json.WriteString(name, value);
        }
        json.WriteEndObject();

        var query = ParseQuery(request.RawQueryString);
        if (query.Count > 0)
        {
            json.WriteStartObject("queryStringParameters");
            foreach (var (name, value) in query)
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
        }

        if (request.PathParameters is { Count: > 0 } pathParameters)
        {
            json.WriteStartObject("pathParameters");
            foreach (var (name, value) in pathParameters)
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
        }

        var userAgent = headers.FirstOrDefault(h => h.Key == "user-agent").Value ?? "";
        json.WriteStartObject("requestContext");
        json.WriteString("accountId", request.AccountId);
        json.WriteString("apiId", request.UrlId);
        json.WriteString("domainName", request.DomainName);
        json.WriteString("domainPrefix", request.DomainName.Split('.', ':')[0]);
        json.WriteStartObject("http");
        json.WriteString("method", request.Method);
        json.WriteString("path", request.RawPath);
        json.WriteString("protocol", request.Protocol);
        json.WriteString("sourceIp", request.SourceIp);
        json.WriteString("userAgent", userAgent);
        json.WriteEndObject();
        json.WriteString("requestId", request.RequestId);
        json.WriteString("routeKey", request.RouteKey);
        json.WriteString("stage", request.Stage);
        json.WriteString("time", request.Time.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
        json.WriteNumber("timeEpoch", request.Time.ToUnixTimeMilliseconds());
        json.WriteEndObject();

        if (request.Body.Length > 0)
        {
            var contentType = headers.FirstOrDefault(h => h.Key == "content-type").Value;
            var span = request.Body.Span;
            // In segments: given a whole value, the writer first reserves room for its worst-case
            // escaping (six times its length), which for a 1.6 MB body is a fresh 16 MB array per request.
            var text = IsText(contentType) && System.Text.Unicode.Utf8.IsValid(span);
            json.WritePropertyName("body");
            for (var offset = 0; offset < span.Length; offset += BodySegment)
            {
                var segment = span.Slice(offset, Math.Min(BodySegment, span.Length - offset));
                var final = offset + segment.Length == span.Length;
                if (text)
                {
                    json.WriteStringValueSegment(segment, final);
                }
                else
                {
                    json.WriteBase64StringSegment(segment, final);
                }
            }
            json.WriteBoolean("isBase64Encoded", !text);
        }
        else
        {
            json.WriteBoolean("isBase64Encoded", false);
        }
        json.WriteEndObject();
    }

    /// <summary>Text content types travel as text; everything else (and no content type) as base64.</summary>
    public static bool IsText(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var mediaType = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return mediaType.StartsWith("text/", StringComparison.Ordinal)
            || mediaType is "application/json" or "application/javascript" or "application/xml" or "application/x-www-form-urlencoded"
                or "application/yaml" or "application/graphql" or "application/ecmascript"
            || mediaType.EndsWith("+json", StringComparison.Ordinal)
            || mediaType.EndsWith("+xml", StringComparison.Ordinal);
    }

    internal static List<KeyValuePair<string, string>> ParseQuery(string raw)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (raw.Length == 0)
        {
            return result;
        }
        foreach (var pair in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            var index = result.FindIndex(p => p.Key == name);
            if (index >= 0)
            {
                result[index] = new(name, result[index].Value + "," + value);
            }
            else
            {
                result.Add(new(name, value));
            }
        }
        return result;
    }

    internal static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
