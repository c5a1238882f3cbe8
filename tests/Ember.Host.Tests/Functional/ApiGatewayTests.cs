using System.Net;
using System.Text;
using System.Text.Json;

namespace Ember.Host.Tests.Functional;

/// <summary>An example's template, copied with its code folder made absolute and its functions given a whole vCPU.</summary>
internal static class ExampleTemplate
{
    public static void WriteWithWholeVcpu(string example, string memorySetting, string destination)
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "examples", example);
        File.WriteAllText(destination, File.ReadAllText(Path.Combine(folder, "template.yaml"))
            .Replace(memorySetting, "MemorySize: 1769", StringComparison.Ordinal)
            .Replace("CodeUri: ./", "CodeUri: " + folder + "/", StringComparison.Ordinal));
    }
}

/// <summary>
/// examples/api on the API port: its functions given a whole vCPU (the example asks for 256 MB), so the
/// tests do not depend on a quiet machine.
/// </summary>
public sealed class ApiGatewayHost : HostFixture
{
    private readonly string _template = Path.Combine(Path.GetTempPath(), "ember-api-" + Guid.NewGuid().ToString("N")[..8] + ".yaml");

    private protected override HostOptions Configure(HostOptions options)
    {
        ExampleTemplate.WriteWithWholeVcpu("api", "MemorySize: 256", _template);
        return options with { TemplatePath = _template, ApiPort = 0 };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_template);
    }
}

/// <summary>
/// Api and HttpApi events as API Gateway sends them (checked against its documented event examples),
/// and its own answers: no route, a malformed proxy response.
/// </summary>
public sealed class ApiGatewayTests(ApiGatewayHost host) : IClassFixture<ApiGatewayHost>
{
    private Uri Api(string pathAndQuery) => new(host.Host.ApiAddress!, pathAndQuery);

    private async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length > 0 && text[0] == '{' ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    [Fact]
    public async Task RestApi_GetWithPathParameterQueryAndRepeatedHeader_SendsTheFormat10Event()
    {
        // Two header lines of one name (HttpClient would join them into one line): raw HTTP.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync("127.0.0.1", host.Host.ApiAddress!.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "GET /items/42?a=1&a=2&b=x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Multi: one\r\nX-Multi: two\r\nConnection: close\r\n\r\n"));
        var raw = await new StreamReader(stream).ReadToEndAsync();
        var head = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        var body = JsonDocument.Parse(raw[(head.Length + 4)..]).RootElement;
        var requestId = head.Split("\r\n").Single(l => l.StartsWith("x-amzn-RequestId: ", StringComparison.OrdinalIgnoreCase))["x-amzn-RequestId: ".Length..];

        Assert.StartsWith("HTTP/1.1 200", head, StringComparison.Ordinal);
        var e = body.GetProperty("event");
        Assert.False(e.TryGetProperty("version", out _));
        Assert.Equal(("/items/{id}", "/items/42", "GET"), (e.GetProperty("resource").GetString(), e.GetProperty("path").GetString(), e.GetProperty("httpMethod").GetString()));
        Assert.Equal("42", e.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("2", e.GetProperty("queryStringParameters").GetProperty("a").GetString());
        Assert.Equal(["1", "2"], e.GetProperty("multiValueQueryStringParameters").GetProperty("a").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["one", "two"], e.GetProperty("multiValueHeaders").GetProperty("X-Multi").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("two", e.GetProperty("headers").GetProperty("X-Multi").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("body").ValueKind);
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("stageVariables").ValueKind);
        var context = e.GetProperty("requestContext");
        Assert.Equal(("Prod", "/items/{id}", "/Prod/items/42", "GET"),
            (context.GetProperty("stage").GetString(), context.GetProperty("resourcePath").GetString(), context.GetProperty("path").GetString(), context.GetProperty("httpMethod").GetString()));
        Assert.Equal("127.0.0.1", context.GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.True(context.GetProperty("requestTimeEpoch").GetInt64() > 1_600_000_000_000);
        Assert.Equal(requestId, context.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task RestApi_PostWithJsonBody_PassesTheBodyAsTextAndAnswersTheFunctionsStatus()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api("hello")) { Content = new StringContent("""{"name":"ember"}""", Encoding.UTF8, "application/json") };

        var (response, body) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("ember", body.GetProperty("hello").GetString());
        Assert.Equal("""{"name":"ember"}""", body.GetProperty("event").GetProperty("body").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("event").GetProperty("queryStringParameters").ValueKind);
    }

    [Fact]
    public async Task RestApi_GreedyProxyWithABinaryMediaType_TakesTheRestOfThePathAndSendsBase64()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Api("files/a/b/c.png")) { Content = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]) };
        request.Content.Headers.ContentType = new("image/png");

        var (response, body) = await SendAsync(request);
        var (bare, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, Api("files")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = body.GetProperty("event");
        Assert.Equal(("/files/{proxy+}", "a/b/c.png"), (e.GetProperty("resource").GetString(), e.GetProperty("pathParameters").GetProperty("proxy").GetString()));
        Assert.True(e.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF }, Convert.FromBase64String(e.GetProperty("body").GetString()!));
        // A greedy parameter needs at least one segment.
        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
    }

    [Fact]
    public async Task HttpApi_Format20_HasRouteKeyRawPathCookiesAndJoinedQueryValues()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Api("v2/items/7?x=1&x=2"));
        request.Headers.Add("Cookie", "a=1; b=2");

        var (response, body) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = body.GetProperty("event");
        Assert.Equal(("2.0", "GET /v2/items/{id}", "/v2/items/7", "x=1&x=2"),
            (e.GetProperty("version").GetString(), e.GetProperty("routeKey").GetString(), e.GetProperty("rawPath").GetString(), e.GetProperty("rawQueryString").GetString()));
        Assert.Equal(["a=1", "b=2"], e.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("1,2", e.GetProperty("queryStringParameters").GetProperty("x").GetString());
        Assert.Equal("7", e.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal(("$default", "GET /v2/items/{id}"), (e.GetProperty("requestContext").GetProperty("stage").GetString(), e.GetProperty("requestContext").GetProperty("routeKey").GetString()));
        Assert.Equal(response.Headers.GetValues("apigw-requestid").Single(), e.GetProperty("requestContext").GetProperty("requestId").GetString());
        Assert.Equal("seen=1", response.Headers.GetValues("Set-Cookie").Single());
    }

    [Fact]
    public async Task HttpApi_RouteAskingForFormat10_SendsVersion10WithLowerCaseHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api("v1/hello")) { Content = new StringContent("hi", Encoding.UTF8, "text/plain") };

        var (response, body) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = body.GetProperty("event");
        Assert.Equal(("1.0", "/v1/hello", "$default", "hi"),
            (e.GetProperty("version").GetString(), e.GetProperty("resource").GetString(), e.GetProperty("requestContext").GetProperty("stage").GetString(), e.GetProperty("body").GetString()));
        Assert.All(e.GetProperty("headers").EnumerateObject(), h => Assert.Equal(h.Name.ToLowerInvariant(), h.Name));
    }

    [Fact]
    public async Task NoRoute_AndAWrongMethod_AnswerAsARestApiDoes()
    {
        var (missing, missingBody) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, Api("nothing/here")));
        var (wrongMethod, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, Api("items/1")));

        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal("Missing Authentication Token", missingBody.GetProperty("message").GetString());
        Assert.Equal("MissingAuthenticationTokenException", missing.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(HttpStatusCode.Forbidden, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task MalformedProxyResponse_Is502InternalServerError()
    {
        var (response, body) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, Api("broken")));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("Internal server error", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ApiPort_ServesOnlyTheApis_AndTheMainPortStillServesLambda()
    {
        var (controlPlaneOnApiPort, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, Api("2015-03-31/functions")));
        var index = await host.Http.GetStringAsync(host.Host.BaseAddress);

        Assert.Equal(HttpStatusCode.Forbidden, controlPlaneOnApiPort.StatusCode);
        Assert.Contains("api-items", index, StringComparison.Ordinal);
    }
}

/// <summary>examples/api-go (a chi router behind an HTTP API's $default route), with a whole vCPU.</summary>
public sealed class ApiGoHost : HostFixture
{
    private readonly string _template = Path.Combine(Path.GetTempPath(), "ember-api-go-" + Guid.NewGuid().ToString("N")[..8] + ".yaml");

    public static string? Missing =>
        !Directory.Exists("/usr/share/gocode/src/github.com/go-chi/chi") ? "chi is not installed (apt-get install -y golang-github-go-chi-chi-dev)"
        : Tools.Find("go") is null ? "go is not installed (apt-get install -y golang-go)"
        : null;

    private protected override HostOptions Configure(HostOptions options)
    {
        ExampleTemplate.WriteWithWholeVcpu("api-go", "MemorySize: 128", _template);
        // Without Go or chi the function cannot be built: the host then serves nothing, and the test says why.
        return Missing is null ? options with { TemplatePath = _template, ApiPort = 0 } : options with { TemplatePath = null };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_template);
    }
}

/// <summary>Any router works behind an HTTP API: the Go function routes every request with chi.</summary>
public sealed class ApiGoTests(ApiGoHost host) : IClassFixture<ApiGoHost>
{
    [SkippableFact]
    public async Task ChiRouter_BehindTheDefaultRoute_ServesEveryPathItKnowsAndItsOwn404()
    {
        Requires.That(ApiGoHost.Missing);
        var api = host.Host.ApiAddress!;

        var item = await host.Http.GetAsync(new Uri(api, "items/42"));
        var hello = await host.Http.PostAsync(new Uri(api, "hello"), new StringContent("""{"name":"go"}""", System.Text.Encoding.UTF8, "application/json"));
        var missing = await host.Http.GetAsync(new Uri(api, "nope"));

        Assert.Equal((HttpStatusCode.OK, """{"id":"42","name":"item 42"}"""), (item.StatusCode, (await item.Content.ReadAsStringAsync()).TrimEnd()));
        Assert.Equal((HttpStatusCode.Created, """{"hello":"go"}"""), (hello.StatusCode, (await hello.Content.ReadAsStringAsync()).TrimEnd()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no route for GET /nope", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("application/json", item.Content.Headers.ContentType!.MediaType);
    }
}

/// <summary>
/// examples/aspnet-api: an ASP.NET Core Minimal API published with Native AOT, served through
/// Ember.Lambda.AspNetCore behind an HTTP API. The publish takes most of a minute: Slow.
/// </summary>
[Trait("Category", "Slow")]
public sealed class AspNetApiTests
{
    [Fact]
    public async Task MinimalApi_OnEmberLambda_AnswersItsRoutesThroughTheHttpApi()
    {
        using var temp = new TempDirectory("ember-aspnet-");
        var template = temp.File("template.yaml");
        ExampleTemplate.WriteWithWholeVcpu("aspnet-api", "MemorySize: 512", template);
        await using var host = await EmberHost.StartAsync(new HostOptions { PythonCompat = true, TemplatePath = template, Port = 0, ApiPort = 0, DataDirectory = temp.File("data") });
        using var http = new HttpClient { BaseAddress = host.ApiAddress, Timeout = TimeSpan.FromMinutes(2) };

        var item = await http.GetAsync("items/42");
        var created = await http.PostAsync("hello", new StringContent("""{"name":"aspnet"}""", System.Text.Encoding.UTF8, "application/json"));
        var invalid = await http.PostAsync("hello", new StringContent("""{"name":""}""", System.Text.Encoding.UTF8, "application/json"));
        var search = await http.GetAsync("search?q=a%20b");
        var missing = await http.GetAsync("no/such/route");

        Assert.Equal((HttpStatusCode.OK, """{"id":42,"name":"item 42"}"""), (item.StatusCode, await item.Content.ReadAsStringAsync()));
        Assert.Equal((HttpStatusCode.Created, """{"message":"Hello, aspnet"}""", "/hello/aspnet"),
            (created.StatusCode, await created.Content.ReadAsStringAsync(), created.Headers.Location?.ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("\"query\":\"a b\"", await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/json", item.Content.Headers.ContentType!.MediaType);
    }
}
