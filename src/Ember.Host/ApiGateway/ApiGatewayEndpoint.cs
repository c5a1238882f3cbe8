using Ember.Host.FunctionUrls;
using Ember.Host.Invocations;
using Ember.Host.InvokeApi;
using Ember.Host.Templates;
using Ember.Host.Wire;
using Microsoft.AspNetCore.Http;

namespace Ember.Host.ApiGateway;

/// <summary>
/// The template's APIs on their own port (<c>--api-port</c>), as <c>sam local start-api</c> serves them
/// but on Ember's real environments: each request is matched to a route, turned into the route's
/// proxy event (format 1.0 or 2.0), run as a synchronous invocation, and answered as API Gateway
/// answers, its own errors included (no route, a failed integration, the integration timeout).
/// </summary>
internal sealed class ApiGatewayEndpoint(EmberHost host, ApiRouteTable routes)
{
    /// <summary>API Gateway's payload quota for REST and HTTP APIs (10 MB); Lambda's 6 MB applies to the event after.</summary>
    private const int MaxBodyBytes = 10 * 1024 * 1024;

    public ApiRouteTable Routes => routes;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var path = request.Path.Value is { Length: > 0 } p ? p : "/";
        var match = routes.Match(request.Method, path);
        if (match is null)
        {
            await WriteAsync(context, ApiGatewayResponseMapper.NoRoute(routes.MissKind), null, routes.MissKind).ConfigureAwait(false);
            return;
        }
        var (route, pathParameters) = match.Value;
        var api = routes.Apis[route.ApiId];
        var requestId = Guid.NewGuid().ToString();
        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(context, ApiGatewayResponseMapper.TooLarge(route.Kind), requestId, route.Kind).ConfigureAwait(false);
            return;
        }
        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count + 3);
        foreach (var (name, values) in request.Headers)
        {
            headers.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v ?? "")));
        }
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        headers.Add(new("X-Forwarded-For", remote));
        headers.Add(new("X-Forwarded-Port", context.Connection.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        headers.Add(new("X-Forwarded-Proto", request.Scheme));
        var time = DateTimeOffset.UtcNow;
        var domain = request.Host.Value ?? "127.0.0.1";
        var payload = route.PayloadFormat == "2.0"
            ? FunctionUrlEventMapper.Map(new FunctionUrlRequest
            {
                Method = request.Method,
                RawPath = path,
                RawQueryString = request.QueryString.HasValue ? request.QueryString.Value![1..] : "",
                Headers = headers,
                Body = body,
                Protocol = request.Protocol,
                SourceIp = remote,
                DomainName = domain,
                UrlId = ApiGatewayV1EventMapper.ApiId(api),
                RequestId = requestId,
                Time = time,
                AccountId = HostIdentity.AccountId,
                RouteKey = route.RouteKey,
                Stage = api.Stage,
                PathParameters = pathParameters,
            })
            : ApiGatewayV1EventMapper.Map(new ApiGatewayRequest
            {
                Api = api,
                Route = route,
                Method = request.Method,
                Path = path,
                RawQueryString = request.QueryString.HasValue ? request.QueryString.Value![1..] : "",
                PathParameters = pathParameters,
                Headers = headers,
                Body = body,
                Protocol = request.Protocol,
                SourceIp = remote,
                DomainName = domain,
                RequestId = requestId,
                Time = time,
            });
        if (payload.Length > LambdaLimits.SyncPayloadBytes)
        {
            // Lambda refuses an event over 6 MB; API Gateway answers that as any refused invocation.
            await WriteAsync(context, ApiGatewayResponseMapper.RefusedInvocation(route.Kind), requestId, route.Kind).ConfigureAwait(false);
            return;
        }

        // The invocation runs to its end whatever happens to this request, as on Lambda; API Gateway only stops waiting.
        var invocation = host.Invocations.InvokeAsync(new InvokeRequest { FunctionName = route.FunctionName, Payload = payload, RequestId = requestId }, CancellationToken.None);
        FunctionUrlResponse mapped;
        try
        {
            var result = await invocation.WaitAsync(route.Kind == ApiKind.Rest ? ApiGatewayValues.RestIntegrationTimeout : ApiGatewayValues.HttpIntegrationTimeout,
                context.RequestAborted).ConfigureAwait(false);
            mapped = result.Kind switch
            {
                InvokeResultKind.Throttled or InvokeResultKind.NotFound => ApiGatewayResponseMapper.RefusedInvocation(route.Kind),
                _ when result.Outcome!.IsError => ApiGatewayResponseMapper.FailedIntegration(route.Kind),
                _ => ApiGatewayResponseMapper.Map(result.Outcome!.Body, route),
            };
        }
        catch (TimeoutException)
        {
            mapped = ApiGatewayResponseMapper.TimedOut(route.Kind);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; the invocation carries on and is recorded.
            return;
        }
        await WriteAsync(context, mapped, requestId, route.Kind).ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, FunctionUrlResponse mapped, string? requestId, ApiKind kind) =>
        FunctionUrlEndpoints.WriteAsync(context, mapped, requestId,
            kind == ApiKind.Rest ? ApiGatewayValues.RestRequestIdHeader : ApiGatewayValues.HttpRequestIdHeader);
}
