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
    public async Task Invoke_StreamThatBreaksOff_IsAnErrorNotHalfAResponse()
    {
        // A runtime whose streamed response is not valid chunked encoding has not answered: an error at once, not a wait for the timeout
        using var response = await host.InvokeAsync("streamer", new { garble = true });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("Runtime.Unknown", body.GetProperty("errorType").GetString());
        Assert.Contains("broke off", body.GetProperty("errorMessage").GetString());
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

/// <summary>InvokeWithResponseStream: an AWS event stream of PayloadChunk events, then InvokeComplete.</summary>
public sealed class InvokeWithResponseStreamTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static async Task<Amazon.Runtime.EventStreams.EventStreamMessage?> ReadFrameAsync(Stream body)
    {
        var prelude = new byte[4];
        if (await body.ReadAtLeastAsync(prelude, 4, throwOnEndOfStream: false) < 4)
        {
            return null;
        }
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(prelude);
        var frame = new byte[length];
        prelude.CopyTo(frame, 0);
        await body.ReadExactlyAsync(frame.AsMemory(4));
        return Amazon.Runtime.EventStreams.EventStreamMessage.FromBuffer(frame, 0, length);
    }

    private static string EventType(Amazon.Runtime.EventStreams.EventStreamMessage message) => message.Headers[":event-type"].AsString();

    private async Task<HttpResponseMessage> InvokeStreamAsync(object payload)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{host.Host.BaseAddress}2021-11-15/functions/streamer/response-streaming-invocations")
        {
            Content = new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Amz-Log-Type", "Tail");
        return await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    [Fact]
    public async Task StreamingFunction_ChunksArriveAsProducedThenInvokeComplete()
    {
        // Given a function that streams five pieces, the last only once a file appears
        using var temp = TempDirectory.SharedWithFunctions("ember-iwrs-");
        var release = temp.File("release");
        using var response = await InvokeStreamAsync(new { pieces = 5, release });
        await using var body = await response.Content.ReadAsStreamAsync();

        // Then the answer is an event stream whose first chunks arrive while the function still runs
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/vnd.amazon.eventstream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("$LATEST", response.Headers.GetValues("X-Amz-Executed-Version").Single());
        var pieces = new List<string>();
        while (!string.Concat(pieces).Contains("piece 3\n", StringComparison.Ordinal))
        {
            // (A chunk may carry more than one piece, as on Lambda: writes are not frames.)
            var frame = (await ReadFrameAsync(body))!;
            Assert.Equal("PayloadChunk", EventType(frame));
            pieces.Add(Encoding.UTF8.GetString(frame.Payload));
        }
        File.WriteAllText(release, "go");
        Amazon.Runtime.EventStreams.EventStreamMessage? last;
        while ((last = await ReadFrameAsync(body)) is not null && EventType(last) == "PayloadChunk")
        {
            pieces.Add(Encoding.UTF8.GetString(last.Payload));
        }
        Assert.Equal("piece 0\npiece 1\npiece 2\npiece 3\npiece 4\n", string.Concat(pieces));
        Assert.Equal("InvokeComplete", EventType(last!));
        var complete = JsonDocument.Parse(last!.Payload).RootElement;
        Assert.False(complete.TryGetProperty("ErrorCode", out _));
        Assert.Contains("REPORT RequestId: ", Encoding.UTF8.GetString(Convert.FromBase64String(complete.GetProperty("LogResult").GetString()!)));
        Assert.Null(await ReadFrameAsync(body));
    }

    [Fact]
    public async Task ErrorMidStream_EndsWithInvokeCompleteNamingTheError()
    {
        using var response = await InvokeStreamAsync(new { pieces = 5, fail_after = 2 });
        await using var body = await response.Content.ReadAsStreamAsync();

        var frames = new List<Amazon.Runtime.EventStreams.EventStreamMessage>();
        while (await ReadFrameAsync(body) is { } frame)
        {
            frames.Add(frame);
        }

        Assert.All(frames[..^1], f => Assert.Equal("PayloadChunk", EventType(f)));
        Assert.Equal("piece 0\npiece 1\n", string.Concat(frames[..^1].Select(f => Encoding.UTF8.GetString(f.Payload))));
        Assert.Equal("InvokeComplete", EventType(frames[^1]));
        var complete = JsonDocument.Parse(frames[^1].Payload).RootElement;
        Assert.Equal("StreamBroke", complete.GetProperty("ErrorCode").GetString());
        Assert.Contains("failed after 2 pieces", complete.GetProperty("ErrorDetails").GetString());
    }

    [Fact]
    public async Task FunctionThatDoesNotStream_IsOneChunk()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{host.Host.BaseAddress}2021-11-15/functions/plain-json/response-streaming-invocations")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        using var response = await host.Http.SendAsync(request);
        await using var body = await response.Content.ReadAsStreamAsync();

        var chunk = (await ReadFrameAsync(body))!;
        var complete = (await ReadFrameAsync(body))!;

        Assert.Equal(("PayloadChunk", "InvokeComplete"), (EventType(chunk), EventType(complete)));
        Assert.NotEmpty(chunk.Payload);
        Assert.Equal("{}", Encoding.UTF8.GetString(complete.Payload));
    }
}

/// <summary>The AWS SDK for JavaScript v3 (tests/clients, from npm) decodes Ember's InvokeWithResponseStream answer.</summary>
public sealed class JsSdkStreamingTests(HostFixture host) : IClassFixture<HostFixture>
{
    [SkippableFact]
    public async Task InvokeWithResponseStreamCommand_GetsThePiecesInOrderThenInvokeComplete()
    {
        var clients = Path.Combine(RepositoryRoot.Find(), "tests", "clients");
        Requires.That(Directory.Exists(Path.Combine(clients, "node_modules", "@aws-sdk", "client-lambda"))
            ? null : "the JS SDK is not installed (npm ci --prefix tests/clients)");

        var (ok, events) = await RunAsync(clients, "streamer", new { pieces = 5 });
        var (_, failed) = await RunAsync(clients, "streamer", new { pieces = 5, fail_after = 3 });

        Assert.True(ok, string.Join('\n', events.Select(e => e.GetRawText())));
        Assert.Equal(200, events[0].GetProperty("statusCode").GetInt32());
        Assert.Equal("piece 0\npiece 1\npiece 2\npiece 3\npiece 4\n", string.Concat(events.Where(e => e.GetProperty("type").GetString() == "PayloadChunk").Select(e => e.GetProperty("text").GetString())));
        Assert.Equal("InvokeComplete", events[^1].GetProperty("type").GetString());
        Assert.False(events[^1].TryGetProperty("ErrorCode", out _));
        Assert.Equal("StreamBroke", failed[^1].GetProperty("ErrorCode").GetString());
        Assert.Equal("piece 0\npiece 1\npiece 2\n", string.Concat(failed.Where(e => e.GetProperty("type").GetString() == "PayloadChunk").Select(e => e.GetProperty("text").GetString())));
    }

    private async Task<(bool Ok, List<JsonElement> Events)> RunAsync(string clients, string function, object payload)
    {
        var result = await ProcessRunner.RunAsync("node", [Path.Combine(clients, "invoke-stream.mjs"), host.Host.BaseAddress.ToString().TrimEnd('/'), function,
            JsonSerializer.Serialize(payload)], TimeSpan.FromSeconds(60), workingDirectory: clients);
        Assert.True(result.ExitCode == 0, result.Output);
        return (result.ExitCode == 0, [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())]);
    }
}
