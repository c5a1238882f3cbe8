using System.Buffers;
using System.Text;
using System.Text.Json;
using Ember.Lambda.Handlers;
using Ember.Lambda.Tests.Fakes;

namespace Ember.Lambda.Tests.Runtime;

[Collection(RuntimeLoopCollection.Name)]
public sealed class LambdaRuntimeTests
{
    private static readonly LambdaRawHandler Echo = (input, output, _) => output.Write(input);

    [Fact]
    public async Task RunAsync_RawHandler_PostsOutputToResponsePath()
    {
        // Given
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("req-1", """{"name":"x"}"""));

        // When
        await using var harness = RuntimeHarness.Start(api, Echo);
        var post = await api.NextPostAsync();

        // Then
        Assert.Equal("POST", post.Method);
        Assert.Equal("/2018-06-01/runtime/invocation/req-1/response", post.Path);
        Assert.Equal("""{"name":"x"}""", post.BodyText);
        Assert.Equal("12", post.Headers["Content-Length"]);
        Assert.Equal(api.Endpoint, post.Headers["Host"]);
        Assert.False(post.Headers.ContainsKey("Lambda-Runtime-Function-Error-Type"));
    }

    [Fact]
    public async Task RunAsync_EventHeaders_AppearOnContext()
    {
        // Given
        await using var api = new FakeRuntimeApi();
        var deadline = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds();
        api.Enqueue(new FakeEvent("req-ctx", "{}", deadline, new Dictionary<string, string>
        {
            ["Lambda-Runtime-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            ["Lambda-Runtime-Client-Context"] = """{"client":{"app_title":"t"}}""",
            ["Lambda-Runtime-Cognito-Identity"] = """{"cognitoIdentityId":"id"}""",
        }));
        LambdaRawHandler describe = (_, output, context) => output.Write(Encoding.UTF8.GetBytes(string.Join('|',
            context.AwsRequestId, context.Deadline.ToUnixTimeMilliseconds(), context.InvokedFunctionArn, context.TraceId,
            context.ClientContextJson, context.CognitoIdentityJson, context.FunctionName, context.FunctionVersion,
            context.MemoryLimitInMB, context.LogGroupName, context.LogStreamName,
            Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"), context.RemainingTime > TimeSpan.Zero)));

        // When
        await using var harness = RuntimeHarness.Start(api, describe);
        var post = await api.NextPostAsync();

        // Then
        var trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        Assert.Equal(
            $$$"""req-ctx|{{{deadline}}}|arn:aws:lambda:us-east-1:123456789012:function:fake|{{{trace}}}|{"client":{"app_title":"t"}}|{"cognitoIdentityId":"id"}|fake|$LATEST|128|/aws/lambda/fake|2026/11/23/[$LATEST]abc|{{{trace}}}|True""",
            post.BodyText);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_PostsErrorBodyAndErrorTypeHeader()
    {
        // Given
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("req-err", "{}"));
        LambdaRawHandler fail = (_, _, _) => throw new InvalidOperationException("boom \"quoted\"");

        // When
        await using var harness = RuntimeHarness.Start(api, fail);
        var post = await api.NextPostAsync();

        // Then
        Assert.Equal("/2018-06-01/runtime/invocation/req-err/error", post.Path);
        Assert.Equal("InvalidOperationException", post.Headers["Lambda-Runtime-Function-Error-Type"]);
        using var json = JsonDocument.Parse(post.Body);
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["errorMessage", "errorType", "stackTrace"], names);
        Assert.Equal("boom \"quoted\"", json.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", json.RootElement.GetProperty("errorType").GetString());
        Assert.Contains(json.RootElement.GetProperty("stackTrace").EnumerateArray(), line => line.GetString()!.Contains(nameof(LambdaRuntimeTests)));
    }

    [Fact]
    public async Task RunAsync_HandlerThrowsThenSucceeds_KeepsServing()
    {
        // Given
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("a", "fail"));
        api.Enqueue(FakeEvent.Json("b", "ok"));
        LambdaRawHandler handler = (input, output, _) =>
        {
            if (input.SequenceEqual("fail"u8))
            {
                throw new ArgumentException("bad");
            }

            output.Write(input);
        };

        // When
        await using var harness = RuntimeHarness.Start(api, handler);
        var first = await api.NextPostAsync();
        var second = await api.NextPostAsync();

        // Then
        Assert.EndsWith("/a/error", first.Path);
        Assert.EndsWith("/b/response", second.Path);
        Assert.Equal("ok", second.BodyText);
    }

    [Fact]
    public async Task RunAsync_InitThrows_PostsInitErrorAndFails()
    {
        // Given
        await using var api = new FakeRuntimeApi();

        // When
        await using var harness = RuntimeHarness.StartWithInit(api, _ => throw new FileNotFoundException("config.json missing"));
        var post = await api.NextPostAsync();
        var failure = await harness.WaitForFailureAsync();

        // Then
        Assert.Equal("/2018-06-01/runtime/init/error", post.Path);
        Assert.Equal("FileNotFoundException", post.Headers["Lambda-Runtime-Function-Error-Type"]);
        Assert.StartsWith("""{"errorMessage":"config.json missing","errorType":"FileNotFoundException","stackTrace":[""", post.BodyText);
        Assert.IsType<FileNotFoundException>(failure);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(400)]
    [InlineData(413)]
    [InlineData(500)]
    public async Task RunAsync_ResponseNotAccepted_FailsWithRuntimeException(int status)
    {
        // Given
        await using var api = new FakeRuntimeApi { PostStatus = status };
        api.Enqueue(FakeEvent.Json("req-1", "{}"));

        // When
        await using var harness = RuntimeHarness.Start(api, Echo);
        var failure = await harness.WaitForFailureAsync();

        // Then
        var exception = Assert.IsType<LambdaRuntimeException>(failure);
        Assert.Contains($"answered {status}, expected 202", exception.Message);
    }

    [Fact]
    public async Task RunAsync_NextNotOk_FailsWithRuntimeException()
    {
        // Given
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("req-1", """{"errorMessage":"gone"}""") with { Status = 500 });

        // When
        await using var harness = RuntimeHarness.Start(api, Echo);
        var failure = await harness.WaitForFailureAsync();

        // Then
        var exception = Assert.IsType<LambdaRuntimeException>(failure);
        Assert.Contains("answered 500, expected 200", exception.Message);
        Assert.Contains("gone", exception.Message);
    }

    [Fact]
    public async Task RunAsync_ChunkedEvent_HandlerSeesWholeBody()
    {
        // Given
        await using var api = new FakeRuntimeApi { ChunkedEvents = true };
        var body = string.Concat(Enumerable.Range(0, 500).Select(i => $"{i},"));
        api.Enqueue(FakeEvent.Json("req-1", body));
        api.Enqueue(FakeEvent.Json("req-2", "second"));

        // When
        await using var harness = RuntimeHarness.Start(api, Echo);
        var first = await api.NextPostAsync();
        var second = await api.NextPostAsync();

        // Then
        Assert.Equal(body, first.BodyText);
        Assert.Equal("second", second.BodyText);
    }

    [Fact]
    public async Task RunAsync_ManyInvocations_UseOneKeptAliveConnection()
    {
        // Given
        await using var api = new FakeRuntimeApi();
        for (var i = 0; i < 5; i++)
        {
            api.Enqueue(FakeEvent.Json($"req-{i}", $"{i}"));
        }

        // When
        await using var harness = RuntimeHarness.Start(api, Echo);
        var posts = new List<RecordedRequest>();
        for (var i = 0; i < 5; i++)
        {
            posts.Add(await api.NextPostAsync());
        }

        // Then
        Assert.Equal(["0", "1", "2", "3", "4"], posts.Select(p => p.BodyText));
        Assert.All(posts, p => Assert.Equal(1, p.ConnectionNumber));
    }

    [Fact]
    public async Task RunAsync_ServerClosesEachConnection_Reconnects()
    {
        // Given
        await using var api = new FakeRuntimeApi { CloseEachConnection = true };
        api.Enqueue(FakeEvent.Json("req-1", "one"));
        api.Enqueue(FakeEvent.Json("req-2", "two"));

        // When
        await using var harness = RuntimeHarness.Start(api, Echo);
        var first = await api.NextPostAsync();
        var second = await api.NextPostAsync();

        // Then
        Assert.Equal("one", first.BodyText);
        Assert.Equal("two", second.BodyText);
        Assert.True(second.ConnectionNumber > first.ConnectionNumber);
    }

    [Fact]
    public async Task RunAsync_LargeEventAndResponse_RoundTripIntact()
    {
        // Given: bigger than the receive buffer and than the inline-send limit
        await using var api = new FakeRuntimeApi();
        var body = new string('x', 3 * 1024 * 1024);
        api.Enqueue(FakeEvent.Json("req-big", body));

        // When
        await using var harness = RuntimeHarness.Start(api, Echo);
        var post = await api.NextPostAsync();

        // Then
        Assert.Equal(body.Length, post.Body.Length);
        Assert.Equal(body, post.BodyText);
    }

    [Fact]
    public async Task RunAsync_DeadlineNear_ContextTokenIsCancelled()
    {
        // Given: a deadline the handler will outlive unless it honours the token
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("req-slow", "{}", TimeSpan.FromMilliseconds(500)));
        var handler = new RawAsyncInvocationHandler(async (_, output, context) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(1), context.CancellationToken);
                output.Write("not cancelled"u8);
            }
            catch (OperationCanceledException)
            {
                output.Write("cancelled"u8);
            }
        });

        // When
        await using var harness = RuntimeHarness.Start(api, handler);
        var post = await api.NextPostAsync();

        // Then
        Assert.Equal("cancelled", post.BodyText);
    }

    [Fact]
    public async Task RunAsync_DeadlinePassed_TokenAlreadyCancelledAndNoTimeRemains()
    {
        // Given
        await using var api = new FakeRuntimeApi();
        api.Enqueue(new FakeEvent("late", "{}", DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds()));
        LambdaRawHandler handler = (_, output, context) =>
            output.Write(Encoding.UTF8.GetBytes($"{context.CancellationToken.IsCancellationRequested}|{context.RemainingTime}"));

        // When
        await using var harness = RuntimeHarness.Start(api, handler);
        var post = await api.NextPostAsync();

        // Then
        Assert.Equal("True|00:00:00", post.BodyText);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaitingForNext_ReturnsWithoutError()
    {
        // Given: no event ever comes, so the loop is blocked on /next
        await using var api = new FakeRuntimeApi();
        var harness = RuntimeHarness.Start(api, Echo);
        await Poll.UntilAsync(() => api.ConnectionCount == 1, TimeSpan.FromSeconds(30));

        // When
        await harness.DisposeAsync();

        // Then
        Assert.True(harness.Run.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task RunAsync_OutputBuffer_IsReusedAcrossInvocations()
    {
        // Given
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("a", "1"));
        api.Enqueue(FakeEvent.Json("b", "2"));
        var writers = new List<IBufferWriter<byte>>();
        LambdaRawHandler handler = (input, output, _) =>
        {
            writers.Add(output);
            output.Write(input);
        };

        // When
        await using var harness = RuntimeHarness.Start(api, handler);
        await api.NextPostAsync();
        var second = await api.NextPostAsync();

        // Then: the second response holds only its own bytes, written to the same writer
        Assert.Equal("2", second.BodyText);
        Assert.Same(writers[0], writers[1]);
    }

    [Fact]
    public async Task RunAsync_LoggerLine_HasTimeRequestIdAndLevel()
    {
        // Given
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("req-log", "{}"));
        LambdaRawHandler handler = (_, _, context) => context.Logger.LogLine("hello from the handler");

        // When
        await using var harness = RuntimeHarness.Start(api, handler);
        await api.NextPostAsync();

        // Then
        var log = Encoding.UTF8.GetString(harness.Log.ToArray());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\treq-log\tinfo\thello from the handler\n$", log);
    }
}
