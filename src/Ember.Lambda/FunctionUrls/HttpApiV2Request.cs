using System.Text;
using System.Text.Json.Serialization;

namespace Ember.Lambda.FunctionUrls;

/// <summary>
/// The event a Function URL or an API Gateway HTTP API sends (payload format 2.0).
/// Deserialize it with <see cref="HttpApiJsonContext"/>.
/// </summary>
public sealed class HttpApiV2Request
{
    /// <summary>Always "2.0".</summary>
    [JsonPropertyName("version")]
    public string Version { get; set; } = "2.0";

    /// <summary>"$default" for Function URLs.</summary>
    [JsonPropertyName("routeKey")]
    public string RouteKey { get; set; } = "$default";

    /// <summary>The path, not decoded.</summary>
    [JsonPropertyName("rawPath")]
    public string RawPath { get; set; } = "/";

    /// <summary>The query string without the '?', not decoded.</summary>
    [JsonPropertyName("rawQueryString")]
    public string RawQueryString { get; set; } = string.Empty;

    /// <summary>The request's cookies, one "name=value" each.</summary>
    [JsonPropertyName("cookies")]
    public IList<string>? Cookies { get; set; }

    /// <summary>Headers with lower-case names; repeated values joined with commas.</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Query parameters; repeated values joined with commas.</summary>
    [JsonPropertyName("queryStringParameters")]
    public IDictionary<string, string>? QueryStringParameters { get; set; }

    /// <summary>Path parameters (API Gateway routes only).</summary>
    [JsonPropertyName("pathParameters")]
    public IDictionary<string, string>? PathParameters { get; set; }

    /// <summary>Stage variables (API Gateway only).</summary>
    [JsonPropertyName("stageVariables")]
    public IDictionary<string, string>? StageVariables { get; set; }

    /// <summary>Who sent the request and how.</summary>
    [JsonPropertyName("requestContext")]
    public HttpApiV2RequestContext RequestContext { get; set; } = new();

    /// <summary>The body: text, or base64 when <see cref="IsBase64Encoded"/>.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>True when <see cref="Body"/> is base64 (non-text content types).</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }

    /// <summary>The body's bytes, decoding base64 when needed; empty when there is no body.</summary>
    public byte[] GetBodyBytes()
    {
        if (string.IsNullOrEmpty(Body))
        {
            return [];
        }

        return IsBase64Encoded ? Convert.FromBase64String(Body) : Encoding.UTF8.GetBytes(Body);
    }

    /// <summary>The body as UTF-8 text, decoding base64 when needed; empty when there is no body.</summary>
    public string GetBodyText()
    {
        if (string.IsNullOrEmpty(Body))
        {
            return string.Empty;
        }

        return IsBase64Encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(Body)) : Body;
    }

    /// <summary>A header's value by case-insensitive name, or null.</summary>
    public string? GetHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Headers is null)
        {
            return null;
        }

        if (Headers.TryGetValue(name, out var value) || Headers.TryGetValue(name.ToLowerInvariant(), out value))
        {
            return value;
        }

        foreach (var pair in Headers)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }
}
