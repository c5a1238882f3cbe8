using System.Buffers;

namespace Ember.Lambda;

/// <summary>
/// A function that works on the raw event bytes and writes the raw response bytes.
/// </summary>
/// <param name="input">The event, exactly as the Runtime API sent it. Valid only during the call.</param>
/// <param name="output">Where the response goes. Pooled and reused across invocations: do not keep it.</param>
/// <param name="context">The invocation's context.</param>
public delegate void LambdaRawHandler(ReadOnlySpan<byte> input, IBufferWriter<byte> output, ILambdaContext context);
