using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ember.Lambda.Handlers;

/// <summary>
/// Typed, synchronous: deserializes the event with a source-generated <see cref="JsonTypeInfo{T}"/>,
/// calls the function and serializes its result. One <see cref="Utf8JsonWriter"/> is reused.
/// </summary>
internal sealed class JsonInvocationHandler<TIn, TOut>(
    Func<TIn, ILambdaContext, TOut> handler,
    JsonTypeInfo<TIn> inputType,
    JsonTypeInfo<TOut> outputType)
{
    private Utf8JsonWriter? _writer;

    public void Invoke(ReadOnlySpan<byte> input, IBufferWriter<byte> output, ILambdaContext context)
    {
        var request = JsonSerializer.Deserialize(input, inputType)!;
        var result = handler(request, context);
        JsonOutput.Write(ref _writer, output, result, outputType);
    }
}
