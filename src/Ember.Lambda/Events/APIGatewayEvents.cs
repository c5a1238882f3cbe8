using System.Text.Json.Serialization;

// The event libraries' shapes, member for member, so that a ported function changes only its usings;
// each member is the field of the same name in the event JSON, documented by AWS.
#pragma warning disable CS1591
#pragma warning disable CA1002, CA2227, CA1056, CA1819

namespace Ember.Lambda.APIGatewayEvents;

/// <summary>A REST API's proxy event (payload format 1.0), as Amazon.Lambda.APIGatewayEvents names it.</summary>
public class APIGatewayProxyRequest
{
    public string? Resource { get; set; }
    public string? Path { get; set; }
    public string? HttpMethod { get; set; }
    public IDictionary<string, string>? Headers { get; set; }
    public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }
    public IDictionary<string, string>? QueryStringParameters { get; set; }
    public IDictionary<string, IList<string>>? MultiValueQueryStringParameters { get; set; }
    public IDictionary<string, string>? PathParameters { get; set; }
    public IDictionary<string, string>? StageVariables { get; set; }
    public ProxyRequestContext? RequestContext { get; set; }
    public string? Body { get; set; }
    public bool IsBase64Encoded { get; set; }

    /// <summary>The event's requestContext.</summary>
    public class ProxyRequestContext
    {
        public string? Path { get; set; }
        public string? AccountId { get; set; }
        public string? ResourceId { get; set; }
        public string? Stage { get; set; }
        public string? RequestId { get; set; }
        public RequestIdentity? Identity { get; set; }
        public string? ResourcePath { get; set; }
        public string? HttpMethod { get; set; }
        public string? ApiId { get; set; }
        public string? ExtendedRequestId { get; set; }
        public string? ConnectionId { get; set; }
        public string? DomainName { get; set; }
        public string? DomainPrefix { get; set; }
        public string? Protocol { get; set; }
        public string? RequestTime { get; set; }
        public long RequestTimeEpoch { get; set; }
    }

    /// <summary>The event's requestContext.identity.</summary>
    public class RequestIdentity
    {
        public string? CognitoIdentityPoolId { get; set; }
        public string? AccountId { get; set; }
        public string? CognitoIdentityId { get; set; }
        public string? Caller { get; set; }
        public string? ApiKey { get; set; }
        public string? ApiKeyId { get; set; }
        public string? AccessKey { get; set; }
        public string? SourceIp { get; set; }
        public string? CognitoAuthenticationType { get; set; }
        public string? CognitoAuthenticationProvider { get; set; }
        public string? UserArn { get; set; }
        public string? UserAgent { get; set; }
        public string? User { get; set; }
    }
}

/// <summary>A REST API proxy response (payload format 1.0).</summary>
public class APIGatewayProxyResponse
{
    public int StatusCode { get; set; }
    public IDictionary<string, string>? Headers { get; set; }
    public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }
    public string? Body { get; set; }
    public bool IsBase64Encoded { get; set; }
}

/// <summary>An HTTP API's proxy event (payload format 2.0), as Amazon.Lambda.APIGatewayEvents names it.</summary>
public class APIGatewayHttpApiV2ProxyRequest
{
    public string? Version { get; set; }
    public string? RouteKey { get; set; }
    public string? RawPath { get; set; }
    public string? RawQueryString { get; set; }
    public string[]? Cookies { get; set; }
    public IDictionary<string, string>? Headers { get; set; }
    public IDictionary<string, string>? QueryStringParameters { get; set; }
    public ProxyRequestContext? RequestContext { get; set; }
    public string? Body { get; set; }
    public IDictionary<string, string>? PathParameters { get; set; }
    public bool IsBase64Encoded { get; set; }
    public IDictionary<string, string>? StageVariables { get; set; }

    /// <summary>The event's requestContext.</summary>
    public class ProxyRequestContext
    {
        public string? AccountId { get; set; }
        public string? ApiId { get; set; }
        public string? DomainName { get; set; }
        public string? DomainPrefix { get; set; }
        public HttpDescription? Http { get; set; }
        public string? RequestId { get; set; }
        public string? RouteId { get; set; }
        public string? RouteKey { get; set; }
        public string? Stage { get; set; }
        public string? Time { get; set; }
        public long TimeEpoch { get; set; }
    }

    /// <summary>The event's requestContext.http.</summary>
    public class HttpDescription
    {
        public string? Method { get; set; }
        public string? Path { get; set; }
        public string? Protocol { get; set; }
        public string? SourceIp { get; set; }
        public string? UserAgent { get; set; }
    }
}

/// <summary>An HTTP API proxy response (payload format 2.0).</summary>
public class APIGatewayHttpApiV2ProxyResponse
{
    public int StatusCode { get; set; }
    public IDictionary<string, string>? Headers { get; set; }
    public string[]? Cookies { get; set; }
    public string? Body { get; set; }
    public bool IsBase64Encoded { get; set; }
}
