using System.Text.Json.Serialization;

namespace Ember.Lambda.FunctionUrls;

/// <summary>The <c>requestContext</c> of a payload format 2.0 event.</summary>
public sealed class HttpApiV2RequestContext
{
    /// <summary>The function owner's AWS account id.</summary>
    [JsonPropertyName("accountId")]
    public string AccountId { get; set; } = string.Empty;

    /// <summary>The URL id (the first label of the host name).</summary>
    [JsonPropertyName("apiId")]
    public string ApiId { get; set; } = string.Empty;

    /// <summary>The host name the request was sent to.</summary>
    [JsonPropertyName("domainName")]
    public string DomainName { get; set; } = string.Empty;

    /// <summary>The first label of <see cref="DomainName"/>.</summary>
    [JsonPropertyName("domainPrefix")]
    public string DomainPrefix { get; set; } = string.Empty;

    /// <summary>Method, path, protocol, source IP and user agent.</summary>
    [JsonPropertyName("http")]
    public HttpApiV2HttpDescription Http { get; set; } = new();

    /// <summary>The request's id.</summary>
    [JsonPropertyName("requestId")]
    public string RequestId { get; set; } = string.Empty;

    /// <summary>"$default" for Function URLs.</summary>
    [JsonPropertyName("routeKey")]
    public string RouteKey { get; set; } = "$default";

    /// <summary>"$default" for Function URLs.</summary>
    [JsonPropertyName("stage")]
    public string Stage { get; set; } = "$default";

    /// <summary>When the request arrived, as "23/Nov/2026:20:00:00 +0000".</summary>
    [JsonPropertyName("time")]
    public string Time { get; set; } = string.Empty;

    /// <summary>When the request arrived, Unix epoch milliseconds.</summary>
    [JsonPropertyName("timeEpoch")]
    public long TimeEpoch { get; set; }
}
