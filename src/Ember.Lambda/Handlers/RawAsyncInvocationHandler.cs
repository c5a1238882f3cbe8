using Ember.Lambda.Runtime;

namespace Ember.Lambda.Handlers;

internal sealed class RawAsyncInvocationHandler(LambdaRawAsyncHandler handler) : InvocationHandler
{
    public override ValueTask InvokeAsync(ReadOnlyMemory<byte> input, PooledBufferWriter output, ILambdaContext context) =>
        new(handler(input, output, context));
}
