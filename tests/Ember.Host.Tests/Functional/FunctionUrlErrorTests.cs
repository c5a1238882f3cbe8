using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>
/// Function URL answers that Lambda gives itself rather than the function: an unsigned request to an
/// AWS_IAM URL, a request over the payload limit, a function that fails or answers something that is
/// not a response. Documented in the Lambda developer guide, pages urls-auth, urls-invocation and
/// urls-monitoring ("5XX ... such as function errors and timeouts").
/// </summary>
public sealed class FunctionUrlErrorTests(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>, IDisposable
{
    // Lambda's synchronous invocation payload limit: 6 MB, counted on the event the function receives.
    private const int PayloadLimit = 6 * 1024 * 1024;

    public void Dispose() => host.Dump(output);

    private int Starts(string function) => host.LogLinesOf(function).Count(l => l.StartsWith("START RequestId: ", StringComparison.Ordinal));

    [Fact]
    public async Task Request_AwsIamUrlWithoutSignature_Is403AccessDeniedAndFunctionNotRun()
    {
        // Given a URL with AuthType AWS_IAM and a request that carries no SigV4 signature
        var startsBefore = Starts("url-iam");

        // When it is sent
        using var response = await host.Http.GetAsync(host.Host.FunctionUrl("url-iam"));
        var body = await response.Content.ReadAsStringAsync();

        // Then Lambda refuses it before invoking: 403, AccessDeniedException, a JSON Message. The text
        // after "Forbidden" has changed over time ("Forbidden" alone, later with a pointer to the
        // urls-auth page), so only its start is Lambda's contract.
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("AccessDeniedException", response.Headers.TryGetValues("x-amzn-ErrorType", out var type) ? type.Single() : null);
        var message = JsonDocument.Parse(body).RootElement.GetProperty("Message").GetString();
        Assert.StartsWith("Forbidden", message);
        Assert.Equal(startsBefore, Starts("url-iam"));
    }

    [Fact]
    public async Task Request_TextBodyOver6MB_Is413AndFunctionNotRun()
    {
        var startsBefore = Starts("url-body");

        using var response = await host.Http.PostAsync(host.Host.FunctionUrl("url-body"),
            new StringContent(new string('a', PayloadLimit + 1), Encoding.UTF8, "text/plain"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("Message", out _), body);
        Assert.Equal(startsBefore, Starts("url-body"));
    }

    [Fact]
    public async Task Request_BinaryBodyWhoseBase64EventExceeds6MB_Is413AndFunctionNotRun()
    {
        // Given 5 MB of binary: under the limit as bytes, but the function would receive it base64
        // encoded (about 6.7 MB), and the limit is on the event the function receives.
        var startsBefore = Starts("url-body");
        var content = new ByteArrayContent(new byte[5 * 1024 * 1024]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await host.Http.PostAsync(host.Host.FunctionUrl("url-body"), content);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(413 == (int)response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(startsBefore, Starts("url-body"));
    }

    [Fact]
    public async Task Request_TextBodyUnderTheLimit_ReachesTheFunctionWhole()
    {
        using var response = await host.Http.PostAsync(host.Host.FunctionUrl("url-body"),
            new StringContent(new string('a', 5 * 1024 * 1024), Encoding.UTF8, "text/plain"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(200 == (int)response.StatusCode, $"{(int)response.StatusCode}: {body}");
        var result = JsonDocument.Parse(body).RootElement;
        Assert.Equal(5 * 1024 * 1024, result.GetProperty("length").GetInt32());
        Assert.False(result.GetProperty("isBase64Encoded").GetBoolean());
    }

    [Fact]
    public async Task Response_FunctionThrows_Is502InternalServerErrorWithoutTheFunctionsError()
    {
        // Given a function whose handler raises ValueError("asked to fail")
        // When it is called through its URL
        using var response = await host.Http.GetAsync(host.Host.FunctionUrl("url-fail"));
        var body = await response.Content.ReadAsStringAsync();

        // Then the caller gets a generic 502; the function's error stays in its log
        AssertInternalServerError(response, body);
        Assert.DoesNotContain("asked to fail", body);
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();
        await host.ReportLineAsync(requestId);
        Assert.Contains(host.LogLinesOf("url-fail"), l => l.Contains("asked to fail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Response_NotJson_Is502InternalServerError()
    {
        // The function (a custom runtime) answers the bytes "this is not JSON": no response to map.
        using var response = await host.Http.GetAsync(host.Host.FunctionUrl("url-not-json"));
        var body = await response.Content.ReadAsStringAsync();

        AssertInternalServerError(response, body);
        Assert.DoesNotContain("this is not JSON", body);
    }

    private static void AssertInternalServerError(HttpResponseMessage response, string body)
    {
        Assert.True(502 == (int)response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Contains("Internal Server Error", body);
    }
}
