using System.Net.Http.Headers;
using Ember.Host.Auth;

namespace Ember.Lab.Aws;

/// <summary>
/// Signs a request to a Lambda API endpoint (AWS Lambda, or an `ember up` host) with SigV4, service
/// <c>lambda</c>: the Host, Content-Type and every header already on the request are signed, with the body.
/// </summary>
internal sealed class LambdaApiSigner(AwsCredentials credentials, string region, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Region => region;

    public void Sign(HttpRequestMessage request, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new ArgumentException("the request has no URI", nameof(request));
        List<KeyValuePair<string, string>> headers = [new("Host", uri.Authority)];
        if (request.Content?.Headers.ContentType is MediaTypeHeaderValue type)
        {
            headers.Add(new("Content-Type", type.ToString()));
        }
        foreach (var (name, values) in request.Headers)
        {
            headers.AddRange(values.Select(value => new KeyValuePair<string, string>(name, value)));
        }
        var signing = new SignedRequest(request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), headers, body);
        foreach (var (name, value) in SigV4.Sign(signing, credentials, region, SignatureGuard.Service, _time.GetUtcNow()))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
