using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Ember.Lambda.AspNetCore;

/// <summary>
/// Between Lambda's HTTP events and ASP.NET Core's request features: reads a payload 2.0 event (HTTP
/// API, Function URL) or a 1.0 proxy event (REST API) into the features an HttpContext is made of, and
/// writes the response the app produced as the event source's response. JSON is read with
/// <see cref="JsonDocument"/> and written with <see cref="Utf8JsonWriter"/>: no reflection.
/// </summary>
internal static class HttpEventTranslator
{
    public static TranslatedRequest Read(ReadOnlySpan<byte> @event, LambdaEventSource source, ILambdaContext lambda)
    {
        using var document = JsonDocument.Parse(@event.ToArray());
        var root = document.RootElement;
        var request = new HttpRequestFeature { Protocol = "HTTP/1.1", Scheme = "https", PathBase = string.Empty };
        var headers = new HeaderDictionary();
        string? sourceIp;
        if (source == LambdaEventSource.RestApi || Text(root, "version") == "1.0")
        {
            request.Method = Text(root, "httpMethod") ?? "GET";
            request.Path = Text(root, "path") ?? "/";
            if (root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in multi.EnumerateObject())
                {
                    headers[header.Name] = new StringValues([.. Strings(header.Value)]);
                }
            }
            else
            {
                AddSingle(root, "headers", headers);
            }
            request.QueryString = Query(root);
            sourceIp = root.TryGetProperty("requestContext", out var context) && context.ValueKind == JsonValueKind.Object
                && context.TryGetProperty("identity", out var identity) ? Text(identity, "sourceIp") : null;
        }
        else
        {
            var http = root.TryGetProperty("requestContext", out var context) && context.ValueKind == JsonValueKind.Object
                && context.TryGetProperty("http", out var h) ? h : default;
            request.Method = Text(http, "method") ?? "GET";
            request.Path = Uri.UnescapeDataString(Text(root, "rawPath") ?? "/");
            var query = Text(root, "rawQueryString");
            request.QueryString = string.IsNullOrEmpty(query) ? string.Empty : "?" + query;
            AddSingle(root, "headers", headers);
            if (root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array)
            {
                headers["Cookie"] = string.Join("; ", Strings(cookies));
            }
            sourceIp = Text(http, "sourceIp");
        }
        request.RawTarget = request.Path + request.QueryString;
        request.Headers = headers;

        var body = Text(root, "body") is { } text
            ? root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text)
            : [];
        request.Body = new MemoryStream(body, writable: false);
        if (body.Length > 0 && headers.ContentLength is null)
        {
            headers.ContentLength = body.Length;
        }
        return new TranslatedRequest(request, lambda, IPAddress.TryParse(sourceIp, out var ip) ? ip : IPAddress.Loopback);
    }

    public static void Write(TranslatedRequest request, LambdaEventSource source, IBufferWriter<byte> output)
    {
        var response = request.Response;
        var body = request.ResponseBody.ToArray();
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteNumber("statusCode", response.StatusCode);
        if (source == LambdaEventSource.RestApi)
        {
            json.WriteStartObject("multiValueHeaders");
            foreach (var (name, values) in response.Headers)
            {
                json.WriteStartArray(name);
                foreach (var value in values)
                {
                    json.WriteStringValue(value);
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        else
        {
            json.WriteStartObject("headers");
            foreach (var (name, values) in response.Headers.Where(h => !string.Equals(h.Key, "Set-Cookie", StringComparison.OrdinalIgnoreCase)))
            {
                json.WriteString(name, values.ToString());
            }
            json.WriteEndObject();
            if (response.Headers.TryGetValue("Set-Cookie", out var cookies))
            {
                json.WriteStartArray("cookies");
                foreach (var cookie in cookies)
                {
                    json.WriteStringValue(cookie);
                }
                json.WriteEndArray();
            }
        }
        var text = IsText(response.Headers.ContentType) && Utf8.IsValid(body);
        if (text)
        {
            json.WriteString("body", body);
        }
        else
        {
            json.WriteBase64String("body", body);
        }
        json.WriteBoolean("isBase64Encoded", !text);
        json.WriteEndObject();
    }

    /// <summary>Text types go back as text; anything else (an image, no content type with a body) in base64.</summary>
    private static bool IsText(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }
        var mediaType = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return mediaType.StartsWith("text/", StringComparison.Ordinal)
            || mediaType is "application/json" or "application/problem+json" or "application/xml" or "application/javascript" or "application/x-www-form-urlencoded"
            || mediaType.EndsWith("+json", StringComparison.Ordinal) || mediaType.EndsWith("+xml", StringComparison.Ordinal);
    }

    private static string Query(JsonElement root)
    {
        var pairs = new List<string>();
        if (root.TryGetProperty("multiValueQueryStringParameters", out var multi) && multi.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in multi.EnumerateObject())
            {
                pairs.AddRange(Strings(parameter.Value).Select(v => Uri.EscapeDataString(parameter.Name) + "=" + Uri.EscapeDataString(v)));
            }
        }
        else if (root.TryGetProperty("queryStringParameters", out var single) && single.ValueKind == JsonValueKind.Object)
        {
            pairs.AddRange(single.EnumerateObject().Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value.GetString() ?? "")));
        }
        return pairs.Count == 0 ? string.Empty : "?" + string.Join('&', pairs);
    }

    private static void AddSingle(JsonElement root, string name, HeaderDictionary headers)
    {
        if (root.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in map.EnumerateObject())
            {
                headers[header.Name] = header.Value.GetString();
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Select(v => v.GetString() ?? "") : [];

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
