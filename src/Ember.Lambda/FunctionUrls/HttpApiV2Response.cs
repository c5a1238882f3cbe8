using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Ember.Lambda.FunctionUrls;

/// <summary>
/// What a Function URL or HTTP API function returns (payload format 2.0).
/// Serialize it with <see cref="HttpApiJsonContext"/>.
/// </summary>
public sealed class HttpApiV2Response
{
    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; set; } = 200;

    /// <summary>Response headers.</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Cookies to set, each sent as one <c>set-cookie</c> header.</summary>
    [JsonPropertyName("cookies")]
    public IList<string>? Cookies { get; set; }

    /// <summary>The body: text, or base64 when <see cref="IsBase64Encoded"/>.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>True when <see cref="Body"/> is base64 and the caller should get the decoded bytes.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }

    /// <summary>A text response.</summary>
    public static HttpApiV2Response Text(string body, int statusCode = 200, string contentType = "text/plain; charset=utf-8") => new()
    {
        StatusCode = statusCode,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = contentType },
        Body = body,
    };

    /// <summary>A binary response, sent base64-encoded.</summary>
    public static HttpApiV2Response Binary(ReadOnlySpan<byte> body, string contentType, int statusCode = 200) => new()
    {
        StatusCode = statusCode,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["content-type"] = contentType },
        Body = Convert.ToBase64String(body),
        IsBase64Encoded = true,
    };

    /// <summary>A JSON response, serialized with a source-generated type.</summary>
    public static HttpApiV2Response Json<T>(T value, JsonTypeInfo<T> type, int statusCode = 200)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Text(JsonSerializer.Serialize(value, type), statusCode, "application/json");
    }
}
