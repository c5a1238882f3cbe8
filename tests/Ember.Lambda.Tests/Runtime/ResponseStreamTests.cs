using System.Text;
using System.Text.Json;
using Ember.Lambda.Handlers;
using Ember.Lambda.Tests.Fakes;

namespace Ember.Lambda.Tests.Runtime;

/// <summary>Ember.Lambda's streaming handler speaks Lambda's streaming protocol: chunked, a chunk per write, errors in trailers.</summary>
[Collection(RuntimeLoopCollection.Name)]
public sealed class ResponseStreamTests
{
    [Fact]
    public async Task StreamingHandler_HttpResponse_PostsThePreludeThenAChunkPerWrite()
    {
        // Given a handler that starts an HTTP response and writes three pieces
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("a", "{}"));
        var handler = new ResponseStreamInvocationHandler(async (input, output, context) =>
        {
            output.StartHttpResponse(201, [new("Content-Type", "text/plain")], ["a=1"]);
            for (var i = 0; i < 3; i++)
            {
                await output.WriteAsync(Encoding.UTF8.GetBytes($"piece {i}\n"));
            }
        });

        // When it runs
        await using var harness = RuntimeHarness.Start(api, handler);
        var post = await api.NextPostAsync();

        // Then the response is streamed as Lambda's runtimes stream it
        Assert.Equal("/2018-06-01/runtime/invocation/a/response", post.Path);
        Assert.Equal("streaming", post.Headers["Lambda-Runtime-Function-Response-Mode"]);
        Assert.Equal("application/vnd.awslambda.http-integration-response", post.Headers["Content-Type"]);
        Assert.Contains("Lambda-Runtime-Function-Error-Type", post.Headers["Trailer"]);
        var chunks = post.Chunks!;
        Assert.Equal(4, chunks.Count);
        var prelude = chunks[0];
        Assert.True(prelude.AsSpan()[^8..].SequenceEqual(new byte[8]), "the prelude ends with eight NUL bytes");
        var head = JsonDocument.Parse(prelude.AsMemory(0, prelude.Length - 8)).RootElement;
        Assert.Equal(201, head.GetProperty("statusCode").GetInt32());
        Assert.Equal("text/plain", head.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal("a=1", head.GetProperty("cookies")[0].GetString());
        Assert.Equal(["piece 0\n", "piece 1\n", "piece 2\n"], chunks.Skip(1).Select(c => Encoding.UTF8.GetString(c)));
        Assert.Empty(post.Trailers!);
    }

    [Fact]
    public async Task StreamingHandler_FailsAfterWriting_EndsTheStreamWithTheErrorInTrailers()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("a", "{}"));
        api.Enqueue(FakeEvent.Json("b", "{}"));
        var calls = 0;
        var handler = new ResponseStreamInvocationHandler(async (input, output, context) =>
        {
            if (++calls == 2)
            {
                throw new ArgumentException("before any write");
            }
            await output.WriteAsync("partial"u8.ToArray());
            throw new InvalidOperationException("mid-stream");
        });

        await using var harness = RuntimeHarness.Start(api, handler);
        var streamed = await api.NextPostAsync();
        var early = await api.NextPostAsync();

        // A failure after the first write ends the stream with the error in the trailers (base64 of the error document)
        Assert.Equal("partial", streamed.BodyText);
        Assert.Equal("InvalidOperationException", streamed.Trailers!["Lambda-Runtime-Function-Error-Type"]);
        var error = JsonDocument.Parse(Convert.FromBase64String(streamed.Trailers["Lambda-Runtime-Function-Error-Body"])).RootElement;
        Assert.Equal("mid-stream", error.GetProperty("errorMessage").GetString());
        // and one before it is an ordinary invocation error
        Assert.Equal("/2018-06-01/runtime/invocation/b/error", early.Path);
        Assert.Null(early.Chunks);
    }

    [Fact]
    public async Task StreamingHandler_WritesWithoutPrelude_IsAnOctetStream()
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("a", "{}"));
        var handler = new ResponseStreamInvocationHandler((input, output, context) =>
        {
            output.Write("raw"u8);
            Assert.Throws<InvalidOperationException>(() => output.StartHttpResponse(200));
            return Task.CompletedTask;
        });

        await using var harness = RuntimeHarness.Start(api, handler);
        var post = await api.NextPostAsync();

        Assert.Equal("application/octet-stream", post.Headers["Content-Type"]);
        Assert.Equal("raw", post.BodyText);
    }
}
