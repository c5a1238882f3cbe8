using System.Text;
using System.Text.Json;
using Ember.Lambda.FunctionUrls;

namespace Ember.Lambda.Tests.FunctionUrls;

public sealed class HttpApiV2Tests
{
    private const string Event = """
        {"version":"2.0","routeKey":"$default","rawPath":"/my/path","rawQueryString":"a=1&a=2",
         "cookies":["c1=v1"],"headers":{"content-type":"application/octet-stream","x-multi":"a,b"},
         "queryStringParameters":{"a":"1,2"},
         "requestContext":{"accountId":"123456789012","apiId":"abc","domainName":"abc.lambda-url.us-east-1.on.aws",
           "domainPrefix":"abc","http":{"method":"POST","path":"/my/path","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"curl/8"},
           "requestId":"r1","routeKey":"$default","stage":"$default","time":"23/Nov/2026:20:00:00 +0000","timeEpoch":1795464000000},
         "body":"aGVsbG8=","isBase64Encoded":true}
        """;

    [Fact]
    public void Deserialize_FunctionUrlEvent_ReadsEveryField()
    {
        // When
        var request = JsonSerializer.Deserialize(Event, HttpApiJsonContext.Default.HttpApiV2Request)!;

        // Then
        Assert.Equal("/my/path", request.RawPath);
        Assert.Equal("a=1&a=2", request.RawQueryString);
        Assert.Equal(["c1=v1"], request.Cookies!);
        Assert.Equal("1,2", request.QueryStringParameters!["a"]);
        Assert.Equal("POST", request.RequestContext.Http.Method);
        Assert.Equal("127.0.0.1", request.RequestContext.Http.SourceIp);
        Assert.Equal(1795464000000, request.RequestContext.TimeEpoch);
        Assert.Equal("a,b", request.GetHeader("X-Multi"));
    }

    [Fact]
    public void GetBodyText_Base64Body_Decodes()
    {
        // Given
        var request = JsonSerializer.Deserialize(Event, HttpApiJsonContext.Default.HttpApiV2Request)!;

        // When / Then
        Assert.Equal("hello", request.GetBodyText());
        Assert.Equal("hello"u8.ToArray(), request.GetBodyBytes());
    }

    [Fact]
    public void GetBodyBytes_TextBody_ReturnsUtf8()
    {
        // Given
        var request = new HttpApiV2Request { Body = "héllo", IsBase64Encoded = false };

        // When / Then
        Assert.Equal(Encoding.UTF8.GetBytes("héllo"), request.GetBodyBytes());
        Assert.Equal("héllo", request.GetBodyText());
        Assert.Equal(string.Empty, new HttpApiV2Request().GetBodyText());
    }

    [Fact]
    public void Serialize_TextResponse_WritesPayloadFormatNames()
    {
        // Given
        var response = HttpApiV2Response.Text("hi", 201);
        response.Cookies = ["a=b; Path=/"];

        // When
        var json = JsonSerializer.Serialize(response, HttpApiJsonContext.Default.HttpApiV2Response);

        // Then
        Assert.Equal("""{"statusCode":201,"headers":{"content-type":"text/plain; charset=utf-8"},"cookies":["a=b; Path=/"],"body":"hi","isBase64Encoded":false}""", json);
    }

    [Fact]
    public void Binary_Bytes_AreBase64Encoded()
    {
        // When
        var response = HttpApiV2Response.Binary([1, 2, 3], "image/png");

        // Then
        Assert.True(response.IsBase64Encoded);
        Assert.Equal("AQID", response.Body);
        Assert.Equal("image/png", response.Headers!["Content-Type"]);
    }
}
