using System.Text.Json.Serialization;

namespace Ember.Lambda.FunctionUrls;

/// <summary>The <c>requestContext.http</c> of a payload format 2.0 event.</summary>
public sealed class HttpApiV2HttpDescription
{
    /// <summary>The HTTP method, upper case.</summary>
    [JsonPropertyName("method")]
    public string Method { get; set; } = "GET";

    /// <summary>The request path.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = "/";

    /// <summary>For example "HTTP/1.1".</summary>
    [JsonPropertyName("protocol")]
    public string Protocol { get; set; } = "HTTP/1.1";

    /// <summary>The caller's IP address.</summary>
    [JsonPropertyName("sourceIp")]
    public string SourceIp { get; set; } = string.Empty;

    /// <summary>The caller's User-Agent header.</summary>
    [JsonPropertyName("userAgent")]
    public string UserAgent { get; set; } = string.Empty;
}
