namespace Ember.Host.FunctionUrls;

/// <summary>The parts of an HTTP request a Function URL event is made from, independent of the web server.</summary>
internal sealed record FunctionUrlRequest
{
    public required string Method { get; init; }

    /// <summary>The path as the function sees it on AWS (after Ember's /lambda-url/&lt;function&gt; prefix).</summary>
    public required string RawPath { get; init; }

    /// <summary>The query string as sent, without the leading '?'.</summary>
    public string RawQueryString { get; init; } = "";
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }
    public ReadOnlyMemory<byte> Body { get; init; }
    public string Protocol { get; init; } = "HTTP/1.1";
    public string SourceIp { get; init; } = "127.0.0.1";
    public required string DomainName { get; init; }
    public required string UrlId { get; init; }
    public required string RequestId { get; init; }
    public required DateTimeOffset Time { get; init; }

    /// <summary>The route key and stage: $default for a Function URL; an HTTP API's route ("GET /items/{id}") and stage.</summary>
    public string RouteKey { get; init; } = "$default";
    public string Stage { get; init; } = "$default";

    /// <summary>An HTTP API route's path parameters; null for a Function URL (and a route without any).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? PathParameters { get; init; }

    /// <summary>"anonymous" for AuthType NONE, the caller's account for AWS_IAM.</summary>
    public string AccountId { get; init; } = "anonymous";
}
