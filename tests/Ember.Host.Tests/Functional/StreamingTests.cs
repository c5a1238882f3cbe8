using System.Text;
using System.Text.Json;

namespace Ember.Host.Tests.Functional;

/// <summary>Response streaming: a runtime that streams, a RESPONSE_STREAM Function URL that relays it as it is produced.</summary>
public sealed class StreamingTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    [Fact]
    public async Task FunctionUrl_ResponseStream_RelaysPiecesAsProducedWithThePreludesStatusAndHeaders()
    {
        // Given a function that streams five pieces after a prelude, the last only once a file appears
        using var temp = TempDirectory.SharedWithFunctions("ember-stream-");
        var release = temp.File("release");
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Host.FunctionUrl("streamer"))
        {
            Content = Json(new { pieces = 5, release, prelude = new { statusCode = 201, headers = new Dictionary<string, string> { ["x-streamed"] = "yes", ["content-type"] = "text/plain" }, cookies = new[] { "a=1" } } }),
        };

        // When it is called through its Function URL
        using var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);

        // Then the status and headers are the prelude's, and the first pieces arrive while the function still runs
        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("x-streamed").Single());
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("a=1", response.Headers.GetValues("set-cookie").Single());
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal("piece 0", await reader.ReadLineAsync());
        Assert.Equal("piece 1", await reader.ReadLineAsync());
        Assert.Equal("piece 2", await reader.ReadLineAsync());
        Assert.Equal("piece 3", await reader.ReadLineAsync());
        File.WriteAllText(release, "go");
        Assert.Equal("piece 4", await reader.ReadLineAsync());
        Assert.Null(await reader.ReadLineAsync());
    }

    [Fact]
    public async Task FunctionUrl_StreamWithoutPrelude_IsLambdasDefault200OctetStream()
    {
        using var response = await host.Http.PostAsync(host.Host.FunctionUrl("streamer"), Json(new { pieces = 2 }));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("piece 0\npiece 1\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FunctionUrl_ErrorMidStream_EndsTheResponseUnfinished()
    {
        // Given a stream that reports an error in its trailers after two pieces
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Host.FunctionUrl("streamer")) { Content = Json(new { pieces = 5, fail_after = 2 }) };
        var error = await Record.ExceptionAsync(async () =>
        {
            using var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await response.Content.ReadAsStringAsync();
        });

        // Then the client gets an error (the connection ends without the body's end), not a complete response
        Assert.True(error is HttpRequestException or IOException, $"{error}");
        var report = await Poll.UntilAsync(() => host.LogLinesOf("streamer").LastOrDefault(l => l.StartsWith("REPORT ", StringComparison.Ordinal)));
        Assert.Contains("Duration: ", report);
    }

    [Fact]
    public async Task Invoke_StreamingFunctionBuffered_GetsTheWholeStreamAsOneResponse()
    {
        // A caller that takes one response (the Invoke API) gets the stream gathered, as Lambda's Invoke does
        using var response = await host.InvokeAsync("streamer", new { pieces = 3 });

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("piece 0\npiece 1\npiece 2\n", await response.Content.ReadAsStringAsync());
    }
}
