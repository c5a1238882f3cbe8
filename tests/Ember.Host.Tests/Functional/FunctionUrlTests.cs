using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>Function URLs over real HTTP: the request mapped to the 2.0 event, the function's answer mapped back.</summary>
public sealed class FunctionUrlTests(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [Fact]
    public async Task Request_WithPathQueryCookiesAndRepeatedHeaders_MapsToPayload20()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, host.Host.FunctionUrl("url-echo") + "orders/42?a=1&b=x%20y&a=2")
        {
            Content = new StringContent("""{"k":"v"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Cookie", "c1=one; c2=two");
        request.Headers.TryAddWithoutValidation("X-Multi", ["first", "second"]);
        request.Headers.UserAgent.ParseAdd("ember-test/1.0");

        using var response = await host.Http.SendAsync(request);
        var e = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("2.0", e.GetProperty("version").GetString());
        Assert.Equal("$default", e.GetProperty("routeKey").GetString());
        Assert.Equal("/orders/42", e.GetProperty("rawPath").GetString());
        Assert.Equal("a=1&b=x%20y&a=2", e.GetProperty("rawQueryString").GetString());
        Assert.Equal(["c1=one", "c2=two"], e.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()!).ToArray());
        var headers = e.GetProperty("headers");
        Assert.Equal("first, second", headers.GetProperty("x-multi").GetString());
        Assert.Equal("application/json; charset=utf-8", headers.GetProperty("content-type").GetString());
        Assert.False(headers.TryGetProperty("cookie", out _));
        Assert.All(headers.EnumerateObject(), h => Assert.Equal(h.Name.ToLowerInvariant(), h.Name));
        Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$", headers.GetProperty("x-amzn-trace-id").GetString());
        var query = e.GetProperty("queryStringParameters");
        Assert.Equal("1,2", query.GetProperty("a").GetString());
        Assert.Equal("x y", query.GetProperty("b").GetString());
        var context = e.GetProperty("requestContext");
        Assert.Equal("anonymous", context.GetProperty("accountId").GetString());
        Assert.Equal("$default", context.GetProperty("stage").GetString());
        Assert.Equal("POST", context.GetProperty("http").GetProperty("method").GetString());
        Assert.Equal("/orders/42", context.GetProperty("http").GetProperty("path").GetString());
        Assert.Equal("ember-test/1.0", context.GetProperty("http").GetProperty("userAgent").GetString());
        Assert.Equal("127.0.0.1", context.GetProperty("http").GetProperty("sourceIp").GetString());
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), context.GetProperty("requestId").GetString());
        Assert.True(context.GetProperty("timeEpoch").GetInt64() > 1_700_000_000_000);
        Assert.Equal("""{"k":"v"}""", e.GetProperty("body").GetString());
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());
    }

    [Fact]
    public async Task Request_SameHeaderOnTwoLines_JoinedWithComma()
    {
        // HttpClient folds repeated headers itself, so speak HTTP/1.1 directly.
        var address = host.Host.BaseAddress;
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        var request = "GET /lambda-url/url-echo/ HTTP/1.1\r\nHost: x\r\nX-Twice: one\r\nX-Twice: two\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var raw = await new StreamReader(stream).ReadToEndAsync();
        var body = raw[(raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];

        var e = JsonDocument.Parse(body).RootElement;
        Assert.Equal("one,two", e.GetProperty("headers").GetProperty("x-twice").GetString());
    }

    [Fact]
    public async Task Request_BinaryBody_ArrivesBase64Encoded()
    {
        var content = new ByteArrayContent([0, 1, 2, 0xFF]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await host.Http.PostAsync(host.Host.FunctionUrl("url-echo"), content);
        var e = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("/", e.GetProperty("rawPath").GetString());
        Assert.Equal("", e.GetProperty("rawQueryString").GetString());
        Assert.True(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal("AAEC/w==", e.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Response_WithStatusHeadersCookiesAndBase64Body_MapsBackExactly()
    {
        using var response = await host.Http.GetAsync(host.Host.FunctionUrl("url-response"));

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("x-custom").Single());
        Assert.Equal(["a=1; Path=/", "b=2"], response.Headers.GetValues("set-cookie").ToArray());
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0, 1, 2, 0xFF }, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Response_JsonWithoutStatusCode_Is200ApplicationJsonWithOutputAsBody()
    {
        using var response = await host.Http.GetAsync(host.Host.FunctionUrl("plain-json"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("""{"hello": "world"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_FunctionWithoutUrl_Is404()
    {
        using var response = await host.Http.GetAsync($"{host.Host.BaseAddress}lambda-url/echo/");
        Assert.Equal(404, (int)response.StatusCode);
    }
}
