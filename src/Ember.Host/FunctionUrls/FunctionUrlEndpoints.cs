using Ember.Host.Invocations;
using Ember.Host.InvokeApi;
using Ember.Host.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Ember.Host.FunctionUrls;

/// <summary>
/// Function URLs on the host's own port: <c>http://127.0.0.1:9001/lambda-url/&lt;function&gt;/&lt;path&gt;</c>.
/// The function sees <c>/&lt;path&gt;</c> as rawPath, exactly what it would see behind its own
/// domain on AWS; no DNS set-up is needed, so curl and hey work as they are.
/// </summary>
internal static class FunctionUrlEndpoints
{
    public const string Prefix = "/lambda-url/";

    /// <summary>True for a request to a Function URL, which is open to web pages and checks its own AuthType.</summary>
    public static bool Serves(PathString path) => path.StartsWithSegments(Prefix.TrimEnd('/'), StringComparison.Ordinal);

    public static void Map(IEndpointRouteBuilder routes, EmberHost host) =>
        routes.Map(Prefix + "{name}/{**path}", (HttpContext context, string name) => HandleAsync(context, name, host));

    /// <summary>
    /// An AWS_IAM URL takes a request SigV4-signed by the host's credentials, or by a function's own
    /// whose policy allows lambda:InvokeFunctionUrl on it, or to which the URL's function granted it
    /// (AddPermission, with or without --function-url-auth-type AWS_IAM); a host without credentials (--no-auth) can
    /// only check that the request carries a signature.
    /// </summary>
    private static async Task<bool> SignedAsync(HttpContext context, EmberHost host, string name)
    {
        if (host.Signatures is not { } signatures)
        {
            return context.Request.Headers.Authorization.ToString().StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal);
        }
        var (caller, failure) = await signatures.VerifyAsync(context).ConfigureAwait(false);
        var conditionKeys = new Dictionary<string, string> { [Auth.ResourcePolicy.FunctionUrlAuthTypeKey] = ControlPlaneValues.AuthIam };
        return failure is null && signatures.Authorize(caller!, "lambda:InvokeFunctionUrl", signatures.Resource(name, null), conditionKeys) is null;
    }

    private static async Task HandleAsync(HttpContext context, string name, EmberHost host)
    {
        if (!host.Functions.TryGet(name, out var function) || function.Url?.UrlAuthType is not { } authType)
        {
            await WriteAsync(context, FunctionUrlResponseMapper.NotFound(), null).ConfigureAwait(false);
            return;
        }
        if (authType == ControlPlaneValues.AuthIam && !await SignedAsync(context, host, name).ConfigureAwait(false))
        {
            await WriteAsync(context, FunctionUrlResponseMapper.Forbidden(), null).ConfigureAwait(false);
            return;
        }
        var body = await RequestBody.ReadAsync(context.Request, LambdaLimits.SyncPayloadBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(context, FunctionUrlResponseMapper.PayloadTooLarge(), null).ConfigureAwait(false);
            return;
        }

        var requestId = Guid.NewGuid().ToString();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var (rawPath, rawQuery) = SplitTarget(rawTarget, Prefix + name);
        var headers = new List<KeyValuePair<string, string>>(context.Request.Headers.Count + 4);
        foreach (var (key, values) in context.Request.Headers)
        {
            headers.Add(new(key, values.ToString()));
        }
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        headers.Add(new("x-forwarded-for", remote));
        headers.Add(new("x-forwarded-proto", context.Request.Scheme));
        headers.Add(new("x-forwarded-port", context.Connection.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // As Lambda's Function URLs do, the event carries the request's X-Ray trace id (its Root), the same one the function's runtime is given.
        var traceId = Invocation.NewTraceId();
        headers.Add(new("x-amzn-trace-id", traceId[..traceId.IndexOf(';', StringComparison.Ordinal)]));
        var urlEvent = FunctionUrlEventMapper.Map(new FunctionUrlRequest
        {
            Method = context.Request.Method,
            RawPath = rawPath,
            RawQueryString = rawQuery,
            Headers = headers,
            Body = body,
            Protocol = context.Request.Protocol,
            SourceIp = remote,
            DomainName = context.Request.Host.Value ?? "127.0.0.1",
            UrlId = name,
            RequestId = requestId,
            Time = DateTimeOffset.UtcNow,
            AccountId = authType == ControlPlaneValues.AuthNone ? "anonymous" : HostIdentity.AccountId,
        });

        // The 6 MB quota is on the event the function receives: a binary body grows by a third in base64.
        if (urlEvent.Length > LambdaLimits.SyncPayloadBytes)
        {
            await WriteAsync(context, FunctionUrlResponseMapper.PayloadTooLarge(), null).ConfigureAwait(false);
            return;
        }
        // RESPONSE_STREAM: a response the function streams goes out as it is produced (a buffered one still as a whole).
        var streamed = false;
        Func<ResponseStream, Task>? onStream = function.Url.InvokeMode == ControlPlaneValues.InvokeStream
            ? stream =>
            {
                streamed = true;
                return FunctionUrlStream.RelayAsync(context, stream, requestId);
            }
            : null;
        var result = await host.Invocations.InvokeAsync(new InvokeRequest
        {
            FunctionName = name, Function = function, Payload = urlEvent, RequestId = requestId, TraceId = traceId, OnStream = onStream,
        }, context.RequestAborted).ConfigureAwait(false);
        if (streamed)
        {
            if (result.Outcome is not { IsError: false })
            {
                // The status and part of the body are out: a failure mid-stream can only end the response unfinished, so the client sees an error.
                context.Abort();
            }
            return;
        }
        var mapped = result.Kind switch
        {
            InvokeResultKind.Throttled => FunctionUrlResponseMapper.TooManyRequests(),
            InvokeResultKind.NotFound => FunctionUrlResponseMapper.NotFound(),
            _ when result.Outcome!.IsError => FunctionUrlResponseMapper.BadGateway(),
            _ => FunctionUrlResponseMapper.Map(result.Outcome!.Body),
        };
        await WriteAsync(context, mapped, result.RequestId is { Length: > 0 } id ? id : requestId).ConfigureAwait(false);
    }

    /// <summary>Splits the raw request target into the function's rawPath (after the prefix) and the raw query.</summary>
    internal static (string RawPath, string RawQuery) SplitTarget(string rawTarget, string prefix)
    {
        var query = rawTarget.IndexOf('?');
        var path = query >= 0 ? rawTarget[..query] : rawTarget;
        var rawQuery = query >= 0 ? rawTarget[(query + 1)..] : "";
        var rawPath = path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path;
        if (!rawPath.StartsWith('/'))
        {
            rawPath = "/" + rawPath;
        }
        return (rawPath, rawQuery);
    }

    private static Task WriteAsync(HttpContext context, FunctionUrlResponse mapped, string? requestId) =>
        WriteAsync(context, mapped, requestId, InvokeApiHeaders.RequestId);

    /// <summary>Sends a mapped response: status, headers, each cookie as a set-cookie, the request id under <paramref name="requestIdHeader"/>, the body.</summary>
    internal static async Task WriteAsync(HttpContext context, FunctionUrlResponse mapped, string? requestId, string requestIdHeader)
    {
        var response = context.Response;
        response.StatusCode = mapped.StatusCode;
        foreach (var (name, value) in mapped.Headers)
        {
            response.Headers.Append(name, value);
        }
        foreach (var cookie in mapped.Cookies)
        {
            response.Headers.Append("set-cookie", cookie);
        }
        if (requestId is not null)
        {
            response.Headers[requestIdHeader] = requestId;
        }
        response.ContentLength = mapped.Body.Length;
        await response.Body.WriteAsync(mapped.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
