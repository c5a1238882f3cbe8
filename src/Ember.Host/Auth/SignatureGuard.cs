using Ember.Host.FunctionUrls;
using Ember.Host.InvokeApi;
using Ember.Host.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Ember.Host.Auth;

/// <summary>
/// Lambda's authentication on the Invoke API and the control plane: every request is signed with
/// SigV4 (service <c>lambda</c>, the host's region) by credentials the host knows, or refused with
/// Lambda's 403 and error type. Function URLs are left to their own AuthType. The index at <c>/</c>
/// (function names, for a person with a browser) stays open.
/// </summary>
internal sealed class SignatureGuard(Func<string, AwsCredentials?> lookup, string region, TimeProvider time)
{
    public const string Service = "lambda";

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (FunctionUrlEndpoints.Serves(request.Path) || (request.Path == "/" && HttpMethods.IsGet(request.Method)))
        {
            await next().ConfigureAwait(false);
            return;
        }
        if (await VerifyAsync(context).ConfigureAwait(false) is { } failure)
        {
            context.Response.Headers[InvokeApiHeaders.RequestId] = Guid.NewGuid().ToString();
            await ApiError.WriteAsync(context, 403, failure.ErrorType, failure.Message).ConfigureAwait(false);
            return;
        }
        await next().ConfigureAwait(false);
    }

    /// <summary>Why the request's signature is refused; null when it is good. The body stays readable after.</summary>
    public async Task<SignatureFailure?> VerifyAsync(HttpContext context)
    {
        var request = context.Request;
        // Only a request that claims a signature pays for reading its body here.
        if (!request.Headers.Authorization.ToString().StartsWith(SigV4.Algorithm, StringComparison.Ordinal))
        {
            return new(SigV4.MissingToken, "Missing Authentication Token");
        }
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        request.Body.Position = 0;

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value ?? ""));
            }
        }
        var signed = new SignedRequest(request.Method, question < 0 ? target : target[..question], question < 0 ? "" : target[(question + 1)..],
            headers, body.GetBuffer().AsMemory(0, (int)body.Length));
        return SigV4.Verify(signed, lookup, region, Service, time.GetUtcNow()).Failure;
    }
}
