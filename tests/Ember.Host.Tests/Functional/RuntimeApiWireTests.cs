using System.Text;
using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>
/// HTTP/1.1 as runtimes other than Ember's own send it to the Runtime API, and the response reaching
/// the caller byte for byte. The "wire" function is a custom runtime that writes its requests on one
/// socket itself (Functions/wire/bootstrap): a chunked body with trailers, Expect: 100-continue.
/// </summary>
public sealed class RuntimeApiWireTests(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>, IDisposable
{
    public void Dispose() => host.Dump(output);

    /// <summary>A JSON document of about 200 KB, with multi-byte characters that chunk boundaries will split.</summary>
    private static string Document(string seed)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < 200_000; i++)
        {
            text.Append(seed).Append(' ').Append(i).Append(" héllo wörld ✓ 𝄞 ");
        }
        return $$"""{"text":"{{text}}"}""";
    }

    private async Task<(string RequestId, byte[] Body)> InvokeWireAsync(string mode, string body)
    {
        using var response = await host.InvokeAsync("wire", new { mode, body });
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(200 == (int)response.StatusCode, $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"), Encoding.UTF8.GetString(bytes));
        return (response.Headers.GetValues("x-amzn-RequestId").Single(), bytes);
    }

    /// <summary>What the Runtime API said to the runtime's answer of an invocation, as the runtime recorded it.</summary>
    private async Task<(string? Interim, int Status)> RuntimeApiAnswerToAsync(string requestId)
    {
        // The runtime cannot print it: the environment is frozen as soon as its answer is taken.
        // It keeps a history and gives it on a later invocation, in the same warm environment.
        var history = (await host.InvokeJsonAsync("wire", new { mode = "history" })).GetProperty("history");
        var entry = history.EnumerateArray().Single(e => e.GetProperty("requestId").GetString() == requestId);
        return (entry.GetProperty("interim").GetString(), entry.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Response_ChunkedWithTrailers_ReachesTheCallerIntactAndTheConnectionStaysInStep()
    {
        // Given a runtime that answers in chunks of 1, 7, 4096 and 65537 bytes, then two trailers
        var first = Document("first");
        var second = Document("second");

        // When it answers two invocations in a row on the same connection
        var (firstId, firstBody) = await InvokeWireAsync("chunked-trailers", first);
        var (secondId, secondBody) = await InvokeWireAsync("chunked-trailers", second);

        // Then both callers get exactly the bytes the runtime sent, and the Runtime API answered 202 to
        // each: the trailers were consumed, not left to garble the next request.
        Assert.Equal(Encoding.UTF8.GetBytes(first), firstBody);
        Assert.Equal(Encoding.UTF8.GetBytes(second), secondBody);
        Assert.Equal(202, (await RuntimeApiAnswerToAsync(firstId)).Status);
        Assert.Equal(202, (await RuntimeApiAnswerToAsync(secondId)).Status);
    }

    [Fact]
    public async Task Response_WithExpect100Continue_GetsTheInterimAnswerThenReachesTheCallerIntact()
    {
        // Given a runtime that sends its headers with Expect: 100-continue and holds the body back
        var document = Document("expect");

        // When it answers an invocation
        var (requestId, body) = await InvokeWireAsync("expect-continue", document);

        // Then the Runtime API said 100 Continue before the body (RFC 9110 15.2.1), took the body,
        // answered 202, and the caller has the body byte for byte
        Assert.Equal(Encoding.UTF8.GetBytes(document), body);
        Assert.Equal(("HTTP/1.1 100 Continue", 202), await RuntimeApiAnswerToAsync(requestId));
    }
}
