using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ember.Host.FunctionUrls;
using Ember.Host.Templates;

namespace Ember.Host.ApiGateway;

/// <summary>
/// The proxy event of payload format 1.0, as a REST API sends it (and an HTTP API whose route asks for
/// 1.0, with "version": "1.0" and lower-case header names): <c>resource</c>, <c>path</c>,
/// <c>httpMethod</c>, <c>headers</c> and <c>multiValueHeaders</c>, <c>queryStringParameters</c> and
/// <c>multiValueQueryStringParameters</c> (null when none), <c>pathParameters</c>, <c>stageVariables</c>,
/// <c>requestContext</c> and the body: text, or base64 when it is binary (for a REST API: when its
/// content type is one of the API's BinaryMediaTypes).
/// </summary>
internal static class ApiGatewayV1EventMapper
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Map(ApiGatewayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(2048, request.Body.Length * 3 / 2 + 4096));
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            Write(json, request);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter json, ApiGatewayRequest request)
    {
        var rest = request.Api.Kind == ApiKind.Rest;
        var headers = request.Headers.Select(h => new KeyValuePair<string, string>(rest ? h.Key : h.Key.ToLowerInvariant(), h.Value)).ToList();
        json.WriteStartObject();
        if (!rest)
        {
            json.WriteString("version", "1.0");
        }
        json.WriteString("resource", request.Route.Path);
        json.WriteString("path", request.Path);
        json.WriteString("httpMethod", request.Method);

        // One value per name (the last, as API Gateway keeps it), then every value.
        var names = headers.Select(h => h.Key).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        json.WriteStartObject("headers");
        foreach (var name in names)
        {
            json.WriteString(name, headers.Last(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value);
        }
        json.WriteEndObject();
        json.WriteStartObject("multiValueHeaders");
        foreach (var name in names)
        {
            json.WriteStartArray(name);
            foreach (var (_, value) in headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)))
            {
                json.WriteStringValue(value);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();

        var query = Query(request.RawQueryString);
        if (query.Count == 0)
        {
            json.WriteNull("queryStringParameters");
            json.WriteNull("multiValueQueryStringParameters");
        }
        else
        {
            json.WriteStartObject("queryStringParameters");
            foreach (var (name, values) in query)
            {
                json.WriteString(name, values[^1]);
            }
            json.WriteEndObject();
            json.WriteStartObject("multiValueQueryStringParameters");
            foreach (var (name, values) in query)
            {
                json.WriteStartArray(name);
                values.ForEach(json.WriteStringValue);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }

        var userAgent = headers.LastOrDefault(h => string.Equals(h.Key, "user-agent", StringComparison.OrdinalIgnoreCase)).Value;
        json.WriteStartObject("requestContext");
        json.WriteString("accountId", HostIdentity.AccountId);
        json.WriteString("apiId", ApiId(request.Api));
        json.WriteString("domainName", request.DomainName);
        json.WriteString("domainPrefix", request.DomainName.Split('.', ':')[0]);
        json.WriteString("extendedRequestId", request.RequestId);
        json.WriteString("httpMethod", request.Method);
        json.WriteStartObject("identity");
        foreach (var field in new[] { "accessKey", "accountId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId" })
        {
            json.WriteNull(field);
        }
        json.WriteString("sourceIp", request.SourceIp);
        json.WriteNull("user");
        if (userAgent is null)
        {
            json.WriteNull("userAgent");
        }
        else
        {
            json.WriteString("userAgent", userAgent);
        }
        json.WriteNull("userArn");
        json.WriteEndObject();
        // A REST API's requestContext.path has the stage in front, as the client called it on AWS.
        json.WriteString("path", rest ? $"/{request.Api.Stage}{request.Path}" : request.Path);
        json.WriteString("protocol", request.Protocol);
        json.WriteString("requestId", request.RequestId);
        json.WriteString("requestTime", request.Time.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
        json.WriteNumber("requestTimeEpoch", request.Time.ToUnixTimeMilliseconds());
        if (rest)
        {
            json.WriteString("resourceId", Wire.ApiGatewayValues.ResourceId);
        }
        else
        {
            json.WriteNull("resourceId");
        }
        json.WriteString("resourcePath", request.Route.Path);
        json.WriteString("stage", request.Api.Stage);
        json.WriteEndObject();

        if (request.PathParameters.Count == 0)
        {
            json.WriteNull("pathParameters");
        }
        else
        {
            json.WriteStartObject("pathParameters");
            foreach (var (name, value) in request.PathParameters)
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
        }
        json.WriteNull("stageVariables");

        if (request.Body.IsEmpty)
        {
            json.WriteNull("body");
            json.WriteBoolean("isBase64Encoded", false);
        }
        else
        {
            var contentType = headers.LastOrDefault(h => string.Equals(h.Key, "content-type", StringComparison.OrdinalIgnoreCase)).Value;
            var binary = rest ? IsBinary(contentType, request.Api.BinaryMediaTypes) : !FunctionUrlEventMapper.IsText(contentType);
            if (binary)
            {
                json.WriteBase64String("body", request.Body.Span);
            }
            else
            {
                json.WriteString("body", Encoding.UTF8.GetString(request.Body.Span));
            }
            json.WriteBoolean("isBase64Encoded", binary);
        }
        json.WriteEndObject();
    }

    /// <summary>How an API's id reads in events: its logical id, in lower case (API Gateway's are ten random characters).</summary>
    public static string ApiId(TemplateApi api) => api.LogicalId.ToLowerInvariant();

    /// <summary>A REST API sends a body in base64 only when its content type is one of the API's binary media types (wildcards allowed).</summary>
    public static bool IsBinary(string? contentType, IReadOnlyList<string> binaryMediaTypes)
    {
        if (string.IsNullOrEmpty(contentType) || binaryMediaTypes.Count == 0)
        {
            return false;
        }
        var mediaType = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        return binaryMediaTypes.Select(t => t.ToLowerInvariant()).Any(t =>
            t == mediaType || t == "*/*" || (t.EndsWith("/*", StringComparison.Ordinal) && mediaType.StartsWith(t[..^1], StringComparison.Ordinal)));
    }

    private static List<(string Name, List<string> Values)> Query(string raw)
    {
        var result = new List<(string Name, List<string> Values)>();
        foreach (var pair in raw.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = FunctionUrlEventMapper.Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : FunctionUrlEventMapper.Decode(pair[(eq + 1)..]);
            var index = result.FindIndex(p => p.Name == name);
            if (index >= 0)
            {
                result[index].Values.Add(value);
            }
            else
            {
                result.Add((name, [value]));
            }
        }
        return result;
    }
}
