using System.Buffers;

namespace Ember.Lambda;

/// <summary>
/// The asynchronous form of <see cref="LambdaRawHandler"/>: raw event bytes in, raw response bytes out.
/// </summary>
/// <param name="input">The event. Valid only until the returned task completes.</param>
/// <param name="output">Where the response goes. Pooled and reused across invocations: do not keep it.</param>
/// <param name="context">The invocation's context.</param>
public delegate Task LambdaRawAsyncHandler(ReadOnlyMemory<byte> input, IBufferWriter<byte> output, ILambdaContext context);
