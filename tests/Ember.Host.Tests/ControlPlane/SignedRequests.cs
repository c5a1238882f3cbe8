using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ember.Host.Auth;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>Requests to a host's Invoke API and control plane, SigV4-signed as the AWS SDKs sign them.</summary>
internal static class SignedRequests
{
    /// <summary>Sends <paramref name="body"/> (JSON) to <paramref name="path"/>, signed by <paramref name="signer"/> at <paramref name="at"/> (now) unless null.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, string endpoint, HttpMethod method, string path, string? body,
        AwsCredentials? signer, DateTimeOffset? at = null)
    {
        using var request = new HttpRequestMessage(method, endpoint.TrimEnd('/') + path);
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        if (signer is not null)
        {
            List<KeyValuePair<string, string>> headers = [new("Host", new Uri(endpoint).Authority)];
            if (body is not null)
            {
                headers.Add(new("Content-Type", "application/json"));
            }
            var question = path.IndexOf('?');
            var signing = new SignedRequest(method.Method, question < 0 ? path : path[..question], question < 0 ? "" : path[(question + 1)..], headers, bytes);
            foreach (var (name, value) in SigV4.Sign(signing, signer, "us-east-1", "lambda", at ?? DateTimeOffset.UtcNow))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return await http.SendAsync(request);
    }

    /// <summary>The x-amzn-ErrorType and message of a Lambda error response.</summary>
    public static async Task<(string? ErrorType, string Message)> ErrorOf(HttpResponseMessage response) =>
        (response.Headers.TryGetValues("x-amzn-ErrorType", out var t) ? t.Single() : null,
         JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!);
}
