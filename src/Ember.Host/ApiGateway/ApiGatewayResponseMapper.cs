using System.Text;
using System.Text.Json;
using Ember.Host.FunctionUrls;
using Ember.Host.Templates;
using Ember.Host.Wire;

namespace Ember.Host.ApiGateway;

/// <summary>
/// A function's answer back to HTTP as API Gateway maps it. Format 2.0 (HTTP APIs) as Function URLs do
/// (any JSON without statusCode is the body of a 200). Format 1.0 needs an object with a statusCode,
/// its <c>headers</c> and <c>multiValueHeaders</c> both sent, and a string body (base64 when
/// isBase64Encoded). What cannot be mapped is API Gateway's own error: a REST API's 502
/// <c>{"message": "Internal server error"}</c>, an HTTP API's 500 <c>{"message":"Internal Server Error"}</c>.
/// </summary>
internal static class ApiGatewayResponseMapper
{
    private static readonly KeyValuePair<string, string> s_json = new("content-type", "application/json");

    public static FunctionUrlResponse Map(ReadOnlyMemory<byte> output, TemplateApiRoute route) =>
        route.PayloadFormat == "2.0"
            ? FunctionUrlResponseMapper.TryMap(output, out var mapped) ? mapped : FailedIntegration(route.Kind)
            : TryMapV1(output, out var v1) ? v1 : FailedIntegration(route.Kind);

    public static bool TryMapV1(ReadOnlyMemory<byte> output, out FunctionUrlResponse response)
    {
        response = FailedIntegration(ApiKind.Rest);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException)
        {
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var statusElement)
                || !FunctionUrlResponseMapper.TryStatus(statusElement, out var status))
            {
                return false;
            }
            var headers = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
            {
                headers.AddRange(h.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, FunctionUrlResponseMapper.Text(p.Value))));
            }
            if (root.TryGetProperty("multiValueHeaders", out var m) && m.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in m.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
                {
                    // API Gateway merges both: a name in headers and multiValueHeaders is sent with every value once.
                    headers.RemoveAll(existing => string.Equals(existing.Key, header.Name, StringComparison.OrdinalIgnoreCase));
                    headers.AddRange(header.Value.EnumerateArray().Select(v => new KeyValuePair<string, string>(header.Name, FunctionUrlResponseMapper.Text(v))));
                }
            }
            ReadOnlyMemory<byte> body = Array.Empty<byte>();
            if (root.TryGetProperty("body", out var b) && b.ValueKind != JsonValueKind.Null)
            {
                if (b.ValueKind != JsonValueKind.String)
                {
                    return false;
                }
                var text = b.GetString()!;
                if (root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True)
                {
                    try
                    {
                        body = Convert.FromBase64String(text);
                    }
                    catch (FormatException)
                    {
                        return false;
                    }
                }
                else
                {
                    body = Encoding.UTF8.GetBytes(text);
                }
            }
            response = new FunctionUrlResponse(status, headers, [], body);
            return true;
        }
    }

    /// <summary>A function error or an answer that cannot be mapped: REST 502, HTTP 500.</summary>
    public static FunctionUrlResponse FailedIntegration(ApiKind kind) =>
        kind == ApiKind.Rest ? Answer(502, ApiGatewayValues.RestInternalError) : Answer(500, ApiGatewayValues.HttpInternalError);

    /// <summary>An invocation Lambda refused (a throttle, a function gone): 500 for both.</summary>
    public static FunctionUrlResponse RefusedInvocation(ApiKind kind) =>
        Answer(500, kind == ApiKind.Rest ? ApiGatewayValues.RestInternalError : ApiGatewayValues.HttpInternalError);

    /// <summary>No route: a REST API's 403 Missing Authentication Token, an HTTP API's 404.</summary>
    public static FunctionUrlResponse NoRoute(ApiKind kind) =>
        kind == ApiKind.Rest ? Answer(403, ApiGatewayValues.RestMissingRoute, ErrorTypes.MissingAuthenticationToken) : Answer(404, ApiGatewayValues.HttpNotFound);

    /// <summary>The integration took longer than API Gateway waits: REST 504, HTTP 503.</summary>
    public static FunctionUrlResponse TimedOut(ApiKind kind) =>
        kind == ApiKind.Rest ? Answer(504, ApiGatewayValues.RestTimedOut) : Answer(503, ApiGatewayValues.HttpServiceUnavailable);

    public static FunctionUrlResponse TooLarge(ApiKind kind) =>
        Answer(413, kind == ApiKind.Rest ? ApiGatewayValues.RestTooLarge : ApiGatewayValues.HttpTooLarge);

    private static FunctionUrlResponse Answer(int status, string body, string? errorType = null) =>
        new(status, errorType is null ? [s_json] : [s_json, new(InvokeApiHeaders.ErrorType, errorType)], [], Encoding.UTF8.GetBytes(body));
}
