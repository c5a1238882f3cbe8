using System.Text.Json;
using System.Text;
using Ember.Host.Environments;
using Ember.Host.FunctionUrls;
using Ember.Host.Functions;
using Ember.Host.Logs;

namespace Ember.Host.Tests;

public sealed class WireFormatTests
{
    [Fact]
    public void Report_ColdStart_IsLambdasTabSeparatedLine()
    {
        var line = ReportLine.Report("abc", 2.1, 3, 128, 56, 164.18);
        Assert.Equal("REPORT RequestId: abc\tDuration: 2.10 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 56 MB\tInit Duration: 164.18 ms", line);
    }

    [Fact]
    public void Report_Timeout_AddsStatus()
    {
        Assert.EndsWith("\tMax Memory Used: 40 MB\tStatus: timeout", ReportLine.Report("id", 3000, 3000, 128, 40, null, "timeout"));
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(2.0, 2)]
    [InlineData(2.01, 3)]
    public void Billed_RoundsUpToWholeMillisecond(double duration, long billed) => Assert.Equal(billed, ReportLine.Billed(duration));

    [Theory]
    [InlineData("fn", null, "fn", null)]
    [InlineData("fn:live", null, "fn", "live")]
    [InlineData("fn", "3", "fn", "3")]
    [InlineData("arn:aws:lambda:us-east-1:000000000000:function:fn", null, "fn", null)]
    [InlineData("arn:aws:lambda:us-east-1:000000000000:function:fn:2", null, "fn", "2")]
    [InlineData("000000000000:function:fn", null, "fn", null)]
    public void FunctionReference_AllNameForms_Parse(string text, string? qualifier, string name, string? expectedQualifier)
    {
        Assert.True(FunctionReference.TryParse(text, qualifier, out var reference));
        Assert.Equal(name, reference.Name);
        Assert.Equal(expectedQualifier, reference.Qualifier);
    }

    [Fact]
    public void FunctionReference_ConflictingQualifiers_AreRefused() => Assert.False(FunctionReference.TryParse("fn:1", "2", out _));

    [Fact]
    public void Lifecycle_IllegalTransition_IsATypedError()
    {
        Assert.True(EnvironmentLifecycle.IsLegal(EnvironmentState.Idle, EnvironmentState.Busy));
        var e = Assert.Throws<IllegalTransitionException>(() => EnvironmentLifecycle.EnsureLegal("env", EnvironmentState.Busy, EnvironmentState.Busy));
        Assert.Equal(EnvironmentState.Busy, e.From);
        Assert.Throws<IllegalTransitionException>(() => EnvironmentLifecycle.EnsureLegal("env", EnvironmentState.Retired, EnvironmentState.Idle));
    }

    [Fact]
    public void EventMapper_Request_ProducesExactPayload20Bytes()
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_123);
        var bytes = FunctionUrlEventMapper.Map(new FunctionUrlRequest
        {
            Method = "POST",
            RawPath = "/p",
            RawQueryString = "q=1&q=2",
            Headers = [new("Host", "127.0.0.1:9001"), new("Cookie", "a=1; b=2"), new("Content-Type", "text/plain"), new("X-A", "1"), new("x-a", "2")],
            Body = Encoding.UTF8.GetBytes("hi \"there\""),
            DomainName = "127.0.0.1:9001",
            UrlId = "fn",
            RequestId = "rid",
            Time = time,
        });
        var expected = """{"version":"2.0","routeKey":"$default","rawPath":"/p","rawQueryString":"q=1&q=2","cookies":["a=1","b=2"],"headers":{"host":"127.0.0.1:9001","content-type":"text/plain","x-a":"1,2"},"queryStringParameters":{"q":"1,2"},"requestContext":{"accountId":"anonymous","apiId":"fn","domainName":"127.0.0.1:9001","domainPrefix":"127","http":{"method":"POST","path":"/p","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":""},"requestId":"rid","routeKey":"$default","stage":"$default","time":"""
            + "\"" + time.ToString("dd/MMM/yyyy:HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture) + "\""
            + ""","timeEpoch":1795000000123},"body":"hi \"there\"","isBase64Encoded":false}""";
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/octet-stream")]
    public void EventMapper_LargeBody_CrossesSegmentsIntact(string contentType)
    {
        // Multi-byte characters and quotes straddle every segment boundary; a binary body is base64 whole.
        var text = string.Concat(Enumerable.Repeat("é€😀\"x", 40_000));
        var body = Encoding.UTF8.GetBytes(text);

        var bytes = FunctionUrlEventMapper.Map(new FunctionUrlRequest
        {
            Method = "POST",
            RawPath = "/",
            RawQueryString = "",
            Headers = [new("Content-Type", contentType)],
            Body = body,
            DomainName = "127.0.0.1:9001",
            UrlId = "fn",
            RequestId = "rid",
            Time = DateTimeOffset.UnixEpoch,
        });

        var root = JsonDocument.Parse(bytes).RootElement;
        var base64 = contentType != "text/plain";
        Assert.Equal(base64, root.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(base64 ? Convert.ToBase64String(body) : text, root.GetProperty("body").GetString());
    }

    [Fact]
    public void ResponseMapper_NotJson_Is502()
    {
        Assert.Equal(502, FunctionUrlResponseMapper.Map(Encoding.UTF8.GetBytes("not json")).StatusCode);
        Assert.Equal(502, FunctionUrlResponseMapper.Map(Encoding.UTF8.GetBytes("""{"statusCode":"abc"}""")).StatusCode);
    }

    [Theory]
    [InlineData("text/html", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("application/vnd.api+json", true)]
    [InlineData("application/octet-stream", false)]
    [InlineData("image/png", false)]
    [InlineData(null, false)]
    public void EventMapper_ContentTypes_TextOrBase64(string? contentType, bool text) => Assert.Equal(text, FunctionUrlEventMapper.IsText(contentType));

    [Theory]
    [InlineData("/lambda-url/fn/a/b?x=1", "/a/b", "x=1")]
    [InlineData("/lambda-url/fn", "/", "")]
    [InlineData("/lambda-url/fn/", "/", "")]
    [InlineData("/lambda-url/fn/%2Fenc?", "/%2Fenc", "")]
    public void SplitTarget_StripsPrefixKeepsRawEncoding(string target, string path, string query)
    {
        Assert.Equal((path, query), FunctionUrlEndpoints.SplitTarget(target, "/lambda-url/fn"));
    }
}
