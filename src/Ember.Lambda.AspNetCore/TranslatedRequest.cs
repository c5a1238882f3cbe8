using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Ember.Lambda.AspNetCore;

/// <summary>
/// The features of one request made from a Lambda event, and the response the app writes into them:
/// its status and headers (<see cref="LambdaResponseFeature"/>) and its body, kept in memory until the
/// invocation answers.
/// </summary>
internal sealed class TranslatedRequest
{
    public TranslatedRequest(HttpRequestFeature request, ILambdaContext lambda, IPAddress remote)
    {
        Features.Set<IHttpRequestFeature>(request);
        Features.Set<IHttpResponseFeature>(Response);
        Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(ResponseBody));
        Features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature { TraceIdentifier = lambda.AwsRequestId });
        Features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = lambda.AwsRequestId,
            RemoteIpAddress = remote,
            LocalIpAddress = IPAddress.Loopback,
            LocalPort = 443,
        });
        Features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = lambda.CancellationToken });
        // Minimal APIs read a JSON body only from a request that says it has one.
        Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(request.Body.Length > 0));
    }

    private sealed record BodyDetection(bool CanHaveBody) : IHttpRequestBodyDetectionFeature;

    public FeatureCollection Features { get; } = new();

    public LambdaResponseFeature Response { get; } = new();

    public MemoryStream ResponseBody { get; } = new();

    /// <summary>After the pipeline: the response is "sent", so its OnStarting callbacks run, then OnCompleted.</summary>
    public async Task CompleteAsync()
    {
        await Response.StartAsync().ConfigureAwait(false);
        await Response.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>The app threw: as Kestrel does, a 500 with no body, unless the response had started.</summary>
    public void Fail()
    {
        if (Response.HasStarted)
        {
            return;
        }
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        Response.ReasonPhrase = null;
        Response.Headers.Clear();
        ResponseBody.SetLength(0);
    }
}

/// <summary>Status, headers and the OnStarting / OnCompleted callbacks of a response that goes back in one piece.</summary>
internal sealed class LambdaResponseFeature : IHttpResponseFeature
{
    private readonly Stack<(Func<object, Task> Callback, object State)> _starting = new();
    private readonly Stack<(Func<object, Task> Callback, object State)> _completed = new();

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    [Obsolete("Use IHttpResponseBodyFeature.Stream.")]
    public Stream Body { get; set; } = Stream.Null;

    public bool HasStarted { get; private set; }

    public void OnStarting(Func<object, Task> callback, object state) => _starting.Push((callback, state));

    public void OnCompleted(Func<object, Task> callback, object state) => _completed.Push((callback, state));

    public async Task StartAsync()
    {
        if (HasStarted)
        {
            return;
        }
        // Last registered, first run, as ASP.NET Core's servers do.
        while (_starting.TryPop(out var entry))
        {
            await entry.Callback(entry.State).ConfigureAwait(false);
        }
        HasStarted = true;
    }

    public async Task CompleteAsync()
    {
        while (_completed.TryPop(out var entry))
        {
            await entry.Callback(entry.State).ConfigureAwait(false);
        }
    }
}
