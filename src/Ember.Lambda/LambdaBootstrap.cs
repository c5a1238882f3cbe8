using System.Runtime.InteropServices;
using System.Text.Json.Serialization.Metadata;
using Ember.Lambda.Handlers;
using Ember.Lambda.Runtime;

namespace Ember.Lambda;

/// <summary>
/// Makes the program a Lambda custom runtime (<c>provided.al2023</c>): it talks to the Runtime API at
/// <c>AWS_LAMBDA_RUNTIME_API</c> and calls the handler once per invocation, on AWS Lambda and on Ember.
/// </summary>
/// <example>
/// <code>await LambdaBootstrap.RunAsync((input, output, context) => output.Write(input));</code>
/// </example>
public static class LambdaBootstrap
{
    private static readonly Lock ShutdownGate = new();
    private static readonly List<Action> ShutdownCallbacks = [];
    private static PosixSignalRegistration? _sigterm;

    /// <summary>How long before the deadline <see cref="ILambdaContext.CancellationToken"/> fires.</summary>
    public static TimeSpan DeadlineMargin { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs the loop with a handler of raw bytes. Returns only when <paramref name="cancellationToken"/> is cancelled.</summary>
    public static Task RunAsync(LambdaRawHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var adapted = new RawInvocationHandler(handler);
        return RunCoreAsync(_ => ValueTask.FromResult<InvocationHandler>(adapted), cancellationToken);
    }

    /// <summary>Runs the loop with an asynchronous handler of raw bytes.</summary>
    public static Task RunAsync(LambdaRawAsyncHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var adapted = new RawAsyncInvocationHandler(handler);
        return RunCoreAsync(_ => ValueTask.FromResult<InvocationHandler>(adapted), cancellationToken);
    }

    /// <summary>Runs the loop with a handler that reads the event from a stream and writes the response to a stream.</summary>
    public static Task RunStreamAsync(LambdaStreamHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var adapted = new StreamInvocationHandler(handler);
        return RunCoreAsync(_ => ValueTask.FromResult<InvocationHandler>(adapted), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="initialize"/> once (the init phase), then the loop with the stream handler it returns.
    /// An exception from <paramref name="initialize"/> is reported to <c>/runtime/init/error</c> and the process exits with code 1.
    /// </summary>
    public static Task RunStreamAsync(Func<CancellationToken, Task<LambdaStreamHandler>> initialize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        return RunCoreAsync(async ct => new StreamInvocationHandler(await initialize(ct).ConfigureAwait(false)), cancellationToken);
    }

    /// <summary>
    /// Runs the loop with a handler that streams its response (Lambda's response streaming): what it writes to its
    /// <see cref="LambdaResponseStream"/> reaches a RESPONSE_STREAM Function URL or InvokeWithResponseStream caller as it is written.
    /// </summary>
    public static Task RunResponseStreamAsync(LambdaResponseStreamHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var adapted = new ResponseStreamInvocationHandler(handler);
        return RunCoreAsync(_ => ValueTask.FromResult<InvocationHandler>(adapted), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="initialize"/> once (the init phase), then the loop with the handler it returns.
    /// An exception from <paramref name="initialize"/> is reported to <c>/runtime/init/error</c> and the process exits with code 1.
    /// </summary>
    public static Task RunAsync(Func<CancellationToken, Task<LambdaRawHandler>> initialize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        return RunCoreAsync(async ct => new RawInvocationHandler(await initialize(ct).ConfigureAwait(false)), cancellationToken);
    }

    /// <summary>Runs the loop with a typed handler; the event and the result go through source-generated JSON.</summary>
    public static Task RunAsync<TIn, TOut>(
        Func<TIn, ILambdaContext, TOut> handler,
        JsonTypeInfo<TIn> inputType,
        JsonTypeInfo<TOut> outputType,
        CancellationToken cancellationToken = default) =>
        RunAsync(CreateJsonHandler(handler, inputType, outputType), cancellationToken);

    /// <summary>Runs the loop with an asynchronous typed handler.</summary>
    public static Task RunAsync<TIn, TOut>(
        Func<TIn, ILambdaContext, Task<TOut>> handler,
        JsonTypeInfo<TIn> inputType,
        JsonTypeInfo<TOut> outputType,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(inputType);
        ArgumentNullException.ThrowIfNull(outputType);
        var adapted = new JsonAsyncInvocationHandler<TIn, TOut>(handler, inputType, outputType);
        return RunCoreAsync(_ => ValueTask.FromResult<InvocationHandler>(adapted), cancellationToken);
    }

    /// <summary>
    /// Runs the loop with an asynchronous typed handler whose event and result go through
    /// <paramref name="serializer"/>, as a function written for Amazon.Lambda.Core is wired:
    /// <c>RunAsync(Handler, new SourceGeneratorLambdaJsonSerializer&lt;MyJsonContext&gt;())</c>.
    /// </summary>
    public static Task RunAsync<TIn, TOut>(Func<TIn, ILambdaContext, Task<TOut>> handler, Serialization.ILambdaSerializer serializer,
        CancellationToken cancellationToken = default)
    {
        return RunAsync(CreateHandler(handler, serializer), cancellationToken);
    }

    /// <summary>Wraps an asynchronous typed function and its serializer as a <see cref="LambdaRawAsyncHandler"/>.</summary>
    public static LambdaRawAsyncHandler CreateHandler<TIn, TOut>(Func<TIn, ILambdaContext, Task<TOut>> handler, Serialization.ILambdaSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(serializer);
        return async (input, output, context) =>
        {
            var request = serializer.Deserialize<TIn>(ReadOnly(input));
            var response = await handler(request, context).ConfigureAwait(false);
            using var stream = new BufferWriterStream(output);
            serializer.Serialize(response, stream);
        };
    }

    /// <summary>Runs the loop with a typed handler whose event and result go through <paramref name="serializer"/>.</summary>
    public static Task RunAsync<TIn, TOut>(Func<TIn, ILambdaContext, TOut> handler, Serialization.ILambdaSerializer serializer,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RunAsync((TIn request, ILambdaContext context) => Task.FromResult(handler(request, context)), serializer, cancellationToken);
    }

    /// <summary>The event as a read-only stream, over its own memory when it has an array behind it.</summary>
    private static MemoryStream ReadOnly(ReadOnlyMemory<byte> input) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(input, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(input.ToArray(), writable: false);

    /// <summary>
    /// Wraps a typed function as a <see cref="LambdaRawHandler"/>, for example to return it from the
    /// <c>initialize</c> callback of <see cref="RunAsync(Func{CancellationToken, Task{LambdaRawHandler}}, CancellationToken)"/>.
    /// </summary>
    public static LambdaRawHandler CreateJsonHandler<TIn, TOut>(
        Func<TIn, ILambdaContext, TOut> handler,
        JsonTypeInfo<TIn> inputType,
        JsonTypeInfo<TOut> outputType)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(inputType);
        ArgumentNullException.ThrowIfNull(outputType);
        return new JsonInvocationHandler<TIn, TOut>(handler, inputType, outputType).Invoke;
    }

    /// <summary>
    /// Registers work to do when Lambda shuts the environment down (SIGTERM): callbacks run in order,
    /// then the process exits with code 0.
    /// </summary>
    public static void OnShutdown(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (ShutdownGate)
        {
            ShutdownCallbacks.Add(callback);

            // Registered on first use only: without callbacks the default SIGTERM action (exit) is right,
            // and the signal-handling thread costs start-up time.
            _sigterm ??= PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSigterm);
        }
    }

    internal static void RunShutdownCallbacks()
    {
        Action[] callbacks;
        lock (ShutdownGate)
        {
            callbacks = [.. ShutdownCallbacks];
        }

        foreach (var callback in callbacks)
        {
            try
            {
                callback();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Shutdown callback failed: {ex}");
            }
        }
    }

    private static void OnSigterm(PosixSignalContext context)
    {
        context.Cancel = true;
        RunShutdownCallbacks();
        Environment.Exit(0);
    }

    private static async Task RunCoreAsync(Func<CancellationToken, ValueTask<InvocationHandler>> initialize, CancellationToken cancellationToken)
    {
        try
        {
            var environment = FunctionEnvironment.FromProcess();
            var logger = new StdoutLogger(Console.OpenStandardOutput());
            using var runtime = new LambdaRuntime(environment, logger, TimeProvider.System);
            await runtime.RunAsync(initialize, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Init failures were reported to /init/error already; a Runtime API failure cannot be
            // reported at all. Either way Lambda expects the process to end.
            Console.Error.WriteLine($"ember-lambda: fatal: {ex}");
            Environment.Exit(1);
        }
    }
}
