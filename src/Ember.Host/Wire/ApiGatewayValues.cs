namespace Ember.Host.Wire;

/// <summary>What API Gateway answers on its own, for a REST API and for an HTTP API.</summary>
internal static class ApiGatewayValues
{
    // REST API: no route matched (a missing method answers the same); a function error or a malformed
    // proxy response (502) or an invocation Lambda refused, such as a throttle (500); the 29 s limit (504).
    public const string RestMissingRoute = """{"message":"Missing Authentication Token"}""";
    public const string RestInternalError = """{"message": "Internal server error"}""";
    public const string RestTimedOut = """{"message": "Endpoint request timed out"}""";
    public const string RestTooLarge = """{"message":"Request Too Long"}""";

    // HTTP API: no route matched; any failed integration; the 30 s limit.
    public const string HttpNotFound = """{"message":"Not Found"}""";
    public const string HttpInternalError = """{"message":"Internal Server Error"}""";
    public const string HttpServiceUnavailable = """{"message":"Service Unavailable"}""";
    public const string HttpTooLarge = """{"message":"Request Entity Too Large"}""";

    /// <summary>The longest API Gateway waits for a REST API's integration (29 s) and an HTTP API's (30 s).</summary>
    public static readonly TimeSpan RestIntegrationTimeout = TimeSpan.FromSeconds(29);
    public static readonly TimeSpan HttpIntegrationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The request id header each kind answers with.</summary>
    public const string RestRequestIdHeader = "x-amzn-RequestId";
    public const string HttpRequestIdHeader = "apigw-requestid";

    /// <summary>The account API Gateway's events carry in requestContext.accountId.</summary>
    public const string ResourceId = "ember0";
}
