using System.Net.Http.Headers;
using System.Text;
using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>
/// A web page must not reach the Invoke API or the control plane (they create and run code on this
/// machine): not by a cross-origin "simple" POST, not through a DNS-rebound name. Function URLs stay open.
/// </summary>
public sealed class WebPageGuardTests(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>, IDisposable
{
    public void Dispose() => host.Dump(output);

    private string Api(string path) => $"{host.Host.BaseAddress.ToString().TrimEnd('/')}{path}";

    [Fact]
    public async Task CreateFunction_TextPlainPostFromAWebPage_Is403AndCreatesNothing()
    {
        // Given the request a page's fetch() or <form> can send with no preflight
        var body = """{"FunctionName":"from-a-page","Runtime":"python3.12","Handler":"x.y","Role":"r","Code":{"ZipFile":"UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, Api("/2015-03-31/functions"))
        {
            Content = new StringContent(body, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", "https://attacker.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        // When it arrives
        using var response = await host.Http.SendAsync(request);
        var message = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString();
        using var check = await host.Http.GetAsync(Api("/2015-03-31/functions/from-a-page"));

        // Then it is refused as Lambda refuses an unauthorised call, and there is no such function
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("AccessDeniedException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Matches("^[0-9a-f-]{36}$", response.Headers.GetValues("x-amzn-RequestId").Single());
        Assert.Contains("Origin: https://attacker.example", message);
        Assert.Equal(404, (int)check.StatusCode);
    }

    [Fact]
    public async Task Invoke_FromAWebPage_Is403AndTheFunctionDoesNotRun()
    {
        using var response = await host.InvokeAsync("echo", new { from = "page" }, r => r.Headers.Add("Sec-Fetch-Site", "same-site"));

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("AccessDeniedException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.False(response.Headers.Contains("X-Amz-Executed-Version"));
        Assert.DoesNotContain(host.LogLinesOf("echo"), l => l.Contains("\"from\": \"page\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("127.0.0.1.nip.io")]
    public async Task Invoke_ThroughANameThatIsNotLoopback_Is403(string name)
    {
        // A DNS-rebinding page reaches 127.0.0.1 under its own name, which arrives as Host.
        using var response = await host.InvokeAsync("echo", new { }, r => r.Headers.Host = $"{name}:{host.Host.BaseAddress.Port}");
        var message = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString();

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains($"not as '{name}:{host.Host.BaseAddress.Port}'", message);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Invoke_ByLoopbackNameWithoutBrowserHeaders_Runs(string name)
    {
        using var response = await host.InvokeAsync("echo", new { }, r => r.Headers.Host = $"{name}:{host.Host.BaseAddress.Port}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"));
    }

    [Fact]
    public async Task FunctionUrl_FromAWebPageUnderAnyName_Runs()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Host.FunctionUrl("plain-json"))
        {
            Content = new StringContent("{}", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", "https://app.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Host = "api.example";

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("world", System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Index_OpenedFromTheAddressBar_Answers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Api("/"));
        request.Headers.Add("Sec-Fetch-Site", "none");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
    }
}
