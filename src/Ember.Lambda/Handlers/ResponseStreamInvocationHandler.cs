using System.Runtime.InteropServices;
using Ember.Lambda.Runtime;

namespace Ember.Lambda.Handlers;

/// <summary>A handler that streams its response: the loop gives it the stream instead of a buffer (LambdaRuntime).</summary>
internal sealed class ResponseStreamInvocationHandler(LambdaResponseStreamHandler handler) : InvocationHandler
{
    public override ValueTask InvokeAsync(ReadOnlyMemory<byte> input, PooledBufferWriter output, ILambdaContext context) =>
        throw new InvalidOperationException("A streaming handler is invoked with its response stream.");

    public async Task InvokeAsync(ReadOnlyMemory<byte> input, LambdaResponseStream output, ILambdaContext context)
    {
        using var inputStream = MemoryMarshal.TryGetArray(input, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(input.ToArray(), writable: false);
        await handler(inputStream, output, context).ConfigureAwait(false);
    }
}
