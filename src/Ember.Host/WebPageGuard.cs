using System.Net;
using Ember.Host.FunctionUrls;
using Ember.Host.InvokeApi;
using Ember.Host.Wire;
using Microsoft.AspNetCore.Http;

namespace Ember.Host;

/// <summary>
/// Keeps web pages away from everything but Function URLs. The Invoke API and the control plane
/// create and run code on this machine, and a browser lets any page send them requests: a
/// <c>text/plain</c> POST needs no CORS preflight, and a DNS-rebound name reaches 127.0.0.1 as if
/// it were the page's own origin. The AWS CLI and SDKs never send <c>Origin</c> or
/// <c>Sec-Fetch-*</c> and always name the host they connect to; browsers send <c>Origin</c> on
/// every cross-origin POST, <c>Sec-Fetch-Site</c> on every request (Chrome, Firefox and Safari
/// since 2023), and the rebound name as <c>Host</c>. Function URLs are left alone: they are the
/// functions' public HTTP face, and a web page calling one is what they are for.
/// </summary>
/// <remarks>
/// This is not authentication: any local process can still call the API. Signature checks (SigV4)
/// are what close that; this closes the remote path a web page opens.
/// </remarks>
internal static class WebPageGuard
{
    /// <summary>Why the request is refused, or null when it may go on.</summary>
    public static string? Refusal(HttpRequest request)
    {
        if (FunctionUrlEndpoints.Serves(request.Path))
        {
            return null;
        }
        if (request.Headers.Origin is { Count: > 0 } origin)
        {
            return $"Ember refuses Invoke API and control-plane requests from web pages (Origin: {origin}); a page may call Function URLs only.";
        }
        if (request.Headers["Sec-Fetch-Site"] is { Count: > 0 } site && site != "none")
        {
            return $"Ember refuses Invoke API and control-plane requests from web pages (Sec-Fetch-Site: {site}); a page may call Function URLs only.";
        }
        if (!IsLoopbackName(request.Host.Host))
        {
            return $"Ember serves the Invoke API and the control plane as 127.0.0.1, [::1] or localhost only, not as '{request.Host}' (a name that resolves here may be a DNS-rebinding web page).";
        }
        return null;
    }

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (Refusal(context.Request) is { } refusal)
        {
            context.Response.Headers[InvokeApiHeaders.RequestId] = Guid.NewGuid().ToString();
            await ApiError.WriteAsync(context, 403, ErrorTypes.AccessDenied, refusal).ConfigureAwait(false);
            return;
        }
        await next().ConfigureAwait(false);
    }

    private static bool IsLoopbackName(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
