using System.Text;
using Ember.Host.RuntimeApi;

namespace Ember.Host.Tests.Core;

/// <summary>The Runtime API server's own HTTP/1.1 head parsing and writing, on bytes.</summary>
public sealed class RuntimeApiHeadTests
{
    [Fact]
    public void TryParseHead_RequestAsRuntimesSendIt_ReadsMethodPathHeaders()
    {
        var head = "POST /2018-06-01/runtime/invocation/abc/response?x=1 HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nContent-Length:  2 \r\nX-Custom: a\r\nx-custom: b\r\nlambda-runtime-function-error-type: Fn.Err"u8;

        Assert.True(RuntimeApiServer.TryParseHead(head, out var request, out var close));

        Assert.Equal("POST", request!.Method);
        Assert.Equal("/2018-06-01/runtime/invocation/abc/response", request.Path);
        Assert.Equal("2", request.Header("content-length"));
        Assert.Equal("a,b", request.Header("X-Custom"));
        Assert.Equal("Fn.Err", request.Header("Lambda-Runtime-Function-Error-Type"));
        Assert.False(close);
    }

    [Theory]
    [InlineData("GET /next HTTP/1.0", true)]
    [InlineData("GET /next HTTP/1.0\r\nConnection: keep-alive", false)]
    [InlineData("GET /next HTTP/1.1\r\nConnection: close", true)]
    public void TryParseHead_ConnectionHeaderAndVersion_DecideClose(string head, bool close)
    {
        Assert.True(RuntimeApiServer.TryParseHead(Encoding.Latin1.GetBytes(head), out _, out var closed));
        Assert.Equal(close, closed);
    }

    [Theory]
    [InlineData("GET /next")]
    [InlineData("GET /a b HTTP/1.1")]
    [InlineData("GET /next HTTP/2")]
    [InlineData("GET /next HTTP/1.1\r\nno colon here")]
    [InlineData("GET /next HTTP/1.1\r\n: empty name")]
    public void TryParseHead_Malformed_IsRefused(string head) =>
        Assert.False(RuntimeApiServer.TryParseHead(Encoding.Latin1.GetBytes(head), out _, out _));

    [Fact]
    public void WriteHead_StatusHeadersLengthDate()
    {
        var response = new RuntimeApiResponse { Status = 200, Body = "{}"u8.ToArray() };
        response.Headers.Add(new("Lambda-Runtime-Aws-Request-Id", "abc"));
        var buffer = new byte[512];

        var written = RuntimeApiServer.WriteHead(buffer, response, close: true);
        var text = Encoding.Latin1.GetString(buffer, 0, written);

        Assert.StartsWith("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: abc\r\nContent-Type: application/json\r\nContent-Length: 2\r\nDate: ", text);
        Assert.EndsWith(" GMT\r\nConnection: close\r\n\r\n", text);
    }
}
