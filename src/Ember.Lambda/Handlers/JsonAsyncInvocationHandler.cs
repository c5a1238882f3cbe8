using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ember.Lambda.Runtime;

namespace Ember.Lambda.Handlers;

/// <summary>Typed, asynchronous: as <see cref="JsonInvocationHandler{TIn, TOut}"/> with a Task-returning function.</summary>
internal sealed class JsonAsyncInvocationHandler<TIn, TOut>(
    Func<TIn, ILambdaContext, Task<TOut>> handler,
    JsonTypeInfo<TIn> inputType,
    JsonTypeInfo<TOut> outputType) : InvocationHandler
{
    private Utf8JsonWriter? _writer;

    public override async ValueTask InvokeAsync(ReadOnlyMemory<byte> input, PooledBufferWriter output, ILambdaContext context)
    {
        var request = JsonSerializer.Deserialize(input.Span, inputType)!;
        var result = await handler(request, context).ConfigureAwait(false);
        JsonOutput.Write(ref _writer, output, result, outputType);
    }
}
