using Ember.Host.Templates;

namespace Ember.Host.ApiGateway;

/// <summary>One request to an API route, independent of the web server: what the event is made from.</summary>
internal sealed record ApiGatewayRequest
{
    public required TemplateApi Api { get; init; }
    public required TemplateApiRoute Route { get; init; }
    public required string Method { get; init; }

    /// <summary>The path as requested (undecoded), without the query.</summary>
    public required string Path { get; init; }
    public string RawQueryString { get; init; } = "";
    public required IReadOnlyList<KeyValuePair<string, string>> PathParameters { get; init; }

    /// <summary>Header names as the client sent them, one entry per value.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }
    public ReadOnlyMemory<byte> Body { get; init; }
    public string Protocol { get; init; } = "HTTP/1.1";
    public string SourceIp { get; init; } = "127.0.0.1";
    public required string DomainName { get; init; }
    public required string RequestId { get; init; }
    public required DateTimeOffset Time { get; init; }
}
