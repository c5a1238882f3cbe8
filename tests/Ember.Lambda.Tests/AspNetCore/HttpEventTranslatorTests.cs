using System.Buffers;
using System.Text;
using System.Text.Json;
using Ember.Lambda.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Ember.Lambda.Tests.AspNetCore;

/// <summary>Lambda's HTTP events into ASP.NET Core's request features, and the app's response back, per event source.</summary>
public sealed class HttpEventTranslatorTests
{
    private sealed class Context : ILambdaContext
    {
        public string AwsRequestId => "req-9";
        public DateTimeOffset Deadline => DateTimeOffset.UtcNow.AddMinutes(1);
        public TimeSpan RemainingTime => TimeSpan.FromMinutes(1);
        public string InvokedFunctionArn => "arn:aws:lambda:us-east-1:000000000000:function:f";
        public string TraceId => "";
        public IClientContext? ClientContext => null;
        public ICognitoIdentity? Identity => null;
        public string? ClientContextJson => null;
        public string? CognitoIdentityJson => null;
        public string FunctionName => "f";
        public string FunctionVersion => "$LATEST";
        public int MemoryLimitInMB => 128;
        public string LogGroupName => "/aws/lambda/f";
        public string LogStreamName => "s";
        public CancellationToken CancellationToken => CancellationToken.None;
        public ILambdaLogger Logger => throw new NotSupportedException();
    }

    [Fact]
    public void HttpApiEvent_BecomesTheRequestFeatures()
    {
        var @event = """
            {"version":"2.0","routeKey":"$default","rawPath":"/items/a%20b","rawQueryString":"x=1&x=2","cookies":["c1=v1","c2=v2"],
             "headers":{"content-type":"application/json","user-agent":"curl"},
             "requestContext":{"http":{"method":"POST","path":"/items/a b","sourceIp":"203.0.113.9"}},
             "body":"eyJhIjoxfQ==","isBase64Encoded":true}
            """u8;

        var translated = HttpEventTranslator.Read(@event, LambdaEventSource.HttpApi, new Context());

        var request = translated.Features.Get<IHttpRequestFeature>()!;
        Assert.Equal(("POST", "/items/a b", "?x=1&x=2"), (request.Method, request.Path, request.QueryString));
        Assert.Equal("c1=v1; c2=v2", request.Headers["Cookie"].ToString());
        Assert.Equal("application/json", request.Headers.ContentType.ToString());
        Assert.Equal("""{"a":1}""", new StreamReader(request.Body).ReadToEnd());
        Assert.Equal("203.0.113.9", translated.Features.Get<IHttpConnectionFeature>()!.RemoteIpAddress!.ToString());
        Assert.Equal("req-9", translated.Features.Get<IHttpRequestIdentifierFeature>()!.TraceIdentifier);
        Assert.True(translated.Features.Get<IHttpRequestBodyDetectionFeature>()!.CanHaveBody);
    }

    [Fact]
    public void RestApiEvent_KeepsEveryHeaderAndQueryValue()
    {
        var @event = """
            {"resource":"/items/{id}","path":"/items/7","httpMethod":"GET","headers":{"X-Multi":"two"},"multiValueHeaders":{"X-Multi":["one","two"]},
             "queryStringParameters":{"a":"2"},"multiValueQueryStringParameters":{"a":["1","2"],"b c":["d&e"]},
             "requestContext":{"identity":{"sourceIp":"198.51.100.4"}},"body":null,"isBase64Encoded":false}
            """u8;

        var translated = HttpEventTranslator.Read(@event, LambdaEventSource.RestApi, new Context());

        var request = translated.Features.Get<IHttpRequestFeature>()!;
        Assert.Equal(("GET", "/items/7", "?a=1&a=2&b%20c=d%26e"), (request.Method, request.Path, request.QueryString));
        Assert.Equal(["one", "two"], request.Headers["X-Multi"].Select(v => v!));
        Assert.False(translated.Features.Get<IHttpRequestBodyDetectionFeature>()!.CanHaveBody);
    }

    [Fact]
    public async Task Response_GoesBackAsTheEventSourcesResponse_CookiesApartForHttpApi_MultiValuesForRest()
    {
        var translated = HttpEventTranslator.Read("""{"rawPath":"/","requestContext":{"http":{"method":"GET"}}}"""u8, LambdaEventSource.HttpApi, new Context());
        var started = false;
        translated.Response.OnStarting(_ =>
        {
            started = true;
            translated.Response.Headers["X-Started"] = "yes";
            return Task.CompletedTask;
        }, new object());
        translated.Response.StatusCode = 201;
        translated.Response.Headers.ContentType = "application/json; charset=utf-8";
        translated.Response.Headers.Append("Set-Cookie", "a=1");
        translated.Response.Headers.Append("Set-Cookie", "b=2");
        translated.Response.Headers.Append("Vary", "Accept");
        translated.Response.Headers.Append("Vary", "Origin");
        await translated.ResponseBody.WriteAsync("""{"ok":true}"""u8.ToArray());
        await translated.CompleteAsync();

        var httpApi = new ArrayBufferWriter<byte>();
        HttpEventTranslator.Write(translated, LambdaEventSource.HttpApi, httpApi);
        var rest = new ArrayBufferWriter<byte>();
        HttpEventTranslator.Write(translated, LambdaEventSource.RestApi, rest);

        Assert.True(started);
        using var v2 = JsonDocument.Parse(httpApi.WrittenMemory);
        Assert.Equal(201, v2.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal(["a=1", "b=2"], v2.RootElement.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Accept,Origin", v2.RootElement.GetProperty("headers").GetProperty("Vary").GetString());
        Assert.Equal("yes", v2.RootElement.GetProperty("headers").GetProperty("X-Started").GetString());
        Assert.False(v2.RootElement.GetProperty("headers").TryGetProperty("Set-Cookie", out _));
        Assert.Equal(("""{"ok":true}""", false), (v2.RootElement.GetProperty("body").GetString(), v2.RootElement.GetProperty("isBase64Encoded").GetBoolean()));
        using var v1 = JsonDocument.Parse(rest.WrittenMemory);
        Assert.Equal(["a=1", "b=2"], v1.RootElement.GetProperty("multiValueHeaders").GetProperty("Set-Cookie").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public void BinaryResponse_IsBase64_AndAFailureIsA500WithNothingElse()
    {
        var translated = HttpEventTranslator.Read("""{"rawPath":"/","requestContext":{"http":{"method":"GET"}}}"""u8, LambdaEventSource.FunctionUrl, new Context());
        translated.Response.Headers.ContentType = "image/png";
        translated.ResponseBody.Write([0x89, 0x50, 0xFF]);
        var image = new ArrayBufferWriter<byte>();
        HttpEventTranslator.Write(translated, LambdaEventSource.FunctionUrl, image);

        translated.Fail();
        var failed = new ArrayBufferWriter<byte>();
        HttpEventTranslator.Write(translated, LambdaEventSource.FunctionUrl, failed);

        using var png = JsonDocument.Parse(image.WrittenMemory);
        Assert.True(png.RootElement.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(new byte[] { 0x89, 0x50, 0xFF }, Convert.FromBase64String(png.RootElement.GetProperty("body").GetString()!));
        Assert.Equal("""{"statusCode":500,"headers":{},"body":"","isBase64Encoded":false}""", Encoding.UTF8.GetString(failed.WrittenSpan));
    }
}
