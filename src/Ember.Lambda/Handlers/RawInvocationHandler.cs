using Ember.Lambda.Runtime;

namespace Ember.Lambda.Handlers;

internal sealed class RawInvocationHandler(LambdaRawHandler handler) : InvocationHandler
{
    public override ValueTask InvokeAsync(ReadOnlyMemory<byte> input, PooledBufferWriter output, ILambdaContext context)
    {
        handler(input.Span, output, context);
        return default;
    }
}
