using Ember.Lambda.Runtime;

namespace Ember.Lambda.Handlers;

/// <summary>One shape of user handler, adapted to what the loop calls for every invocation.</summary>
internal abstract class InvocationHandler
{
    public abstract ValueTask InvokeAsync(ReadOnlyMemory<byte> input, PooledBufferWriter output, ILambdaContext context);
}
