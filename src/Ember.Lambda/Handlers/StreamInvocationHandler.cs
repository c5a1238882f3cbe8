using System.Runtime.InteropServices;
using Ember.Lambda.Runtime;

namespace Ember.Lambda.Handlers;

internal sealed class StreamInvocationHandler(LambdaStreamHandler handler) : InvocationHandler
{
    public override async ValueTask InvokeAsync(ReadOnlyMemory<byte> input, PooledBufferWriter output, ILambdaContext context)
    {
        using var inputStream = MemoryMarshal.TryGetArray(input, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(input.ToArray(), writable: false);
        await using var outputStream = new BufferWriterStream(output);
        await handler(inputStream, outputStream, context).ConfigureAwait(false);
    }
}
