namespace Ember.Lambda;

/// <summary>
/// A function that reads the event from a stream and writes its response to a stream.
/// </summary>
/// <param name="input">A read-only stream over the event. Valid only until the returned task completes.</param>
/// <param name="output">A write-only stream that becomes the response body.</param>
/// <param name="context">The invocation's context.</param>
public delegate Task LambdaStreamHandler(Stream input, Stream output, ILambdaContext context);
