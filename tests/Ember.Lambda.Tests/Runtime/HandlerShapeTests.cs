using System.Text;
using Ember.Lambda.Handlers;
using Ember.Lambda.Tests.Fakes;

namespace Ember.Lambda.Tests.Runtime;

[Collection(RuntimeLoopCollection.Name)]
public sealed class HandlerShapeTests
{
    [Fact]
    public async Task JsonHandler_TypedFunction_DeserializesEventAndSerializesResult()
    {
        // Given
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("a", """{"name":"x","count":1}"""));
        api.Enqueue(FakeEvent.Json("b", """{"name":"y","count":2}"""));
        var handler = LambdaBootstrap.CreateJsonHandler<Greeting, Greeting>(
            (greeting, _) => greeting with { Name = $"Hello, {greeting.Name}", Count = greeting.Count * 10 },
            TestJsonContext.Default.Greeting,
            TestJsonContext.Default.Greeting);

        // When
        await using var harness = RuntimeHarness.Start(api, handler);
        var first = await api.NextPostAsync();
        var second = await api.NextPostAsync();

        // Then: the reused JSON writer starts afresh for each invocation
        Assert.Equal("""{"name":"Hello, x","count":10}""", first.BodyText);
        Assert.Equal("""{"name":"Hello, y","count":20}""", second.BodyText);
    }

    [Fact]
    public async Task JsonAsyncHandler_TaskFunction_SerializesAwaitedResult()
    {
        // Given
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("a", """{"name":"x","count":1}"""));
        var handler = new JsonAsyncInvocationHandler<Greeting, string>(
            async (greeting, _) =>
            {
                await Task.Yield();
                return $"{greeting.Name}:{greeting.Count}";
            },
            TestJsonContext.Default.Greeting,
            TestJsonContext.Default.String);

        // When
        await using var harness = RuntimeHarness.Start(api, handler);
        var post = await api.NextPostAsync();

        // Then
        Assert.Equal("\"x:1\"", post.BodyText);
    }

    [Fact]
    public async Task JsonHandler_EventNotJson_PostsJsonExceptionError()
    {
        // Given
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("a", "not json"));
        var handler = LambdaBootstrap.CreateJsonHandler<Greeting, Greeting>((g, _) => g, TestJsonContext.Default.Greeting, TestJsonContext.Default.Greeting);

        // When
        await using var harness = RuntimeHarness.Start(api, handler);
        var post = await api.NextPostAsync();

        // Then
        Assert.EndsWith("/a/error", post.Path);
        Assert.Equal("JsonException", post.Headers["Lambda-Runtime-Function-Error-Type"]);
    }

    [Fact]
    public async Task StreamHandler_CopiesInputToOutput_PostsStreamedBytes()
    {
        // Given
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("a", "streamed body"));
        var handler = new StreamInvocationHandler(async (input, output, _) =>
        {
            using var reader = new StreamReader(input);
            var text = await reader.ReadToEndAsync();
            await output.WriteAsync(Encoding.UTF8.GetBytes(text.ToUpperInvariant()));
        });

        // When
        await using var harness = RuntimeHarness.Start(api, handler);
        var post = await api.NextPostAsync();

        // Then
        Assert.Equal("STREAMED BODY", post.BodyText);
    }

    [Fact]
    public void RunShutdownCallbacks_Registered_RunInOrderAndSurviveFailures()
    {
        // Given
        var calls = new List<string>();
        LambdaBootstrap.OnShutdown(() => calls.Add("first"));
        LambdaBootstrap.OnShutdown(() => throw new InvalidOperationException("ignored"));
        LambdaBootstrap.OnShutdown(() => calls.Add("third"));

        // When
        LambdaBootstrap.RunShutdownCallbacks();

        // Then
        Assert.Equal(["first", "third"], calls);
    }
}
