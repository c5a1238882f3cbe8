using System.Runtime.ExceptionServices;
using Ember.Lambda.Handlers;
using Ember.Lambda.RuntimeApi;

namespace Ember.Lambda.Runtime;

/// <summary>
/// The Runtime API loop: init once, then <c>/next</c>, handler, <c>/response</c> or <c>/error</c>,
/// for ever. Throws <see cref="LambdaRuntimeException"/> when the Runtime API answers anything
/// unexpected, and rethrows an init exception after reporting it to <c>/init/error</c>.
/// </summary>
internal sealed class LambdaRuntime : IDisposable
{
    private readonly FunctionEnvironment _environment;
    private readonly RuntimeApiClient _client;
    private readonly StdoutLogger _logger;
    private readonly TimeProvider _time;
    private readonly PooledBufferWriter _output = new();

    public LambdaRuntime(FunctionEnvironment environment, StdoutLogger logger, TimeProvider time)
    {
        _environment = environment;
        _client = new RuntimeApiClient(environment.RuntimeApi);
        _logger = logger;
        _time = time;
    }

    public async Task RunAsync(Func<CancellationToken, ValueTask<InvocationHandler>> initialize, CancellationToken cancellationToken)
    {
        // The /next read blocks a thread with no timeout; cancelling closes the socket under it.
        using var abort = cancellationToken.Register(static client => ((RuntimeApiClient)client!).Abort(), _client);

        InvocationHandler handler;
        try
        {
            handler = await initialize(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.Write("error", $"Init failed: {ex}");
            _output.Reset();
            ErrorPayload.Write(ex, _output);
            _client.PostInitError(_output.WrittenSpan, ErrorPayload.TypeOf(ex));
            ExceptionDispatchInfo.Capture(ex).Throw();
            throw;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await InvokeAsync(handler, _client.Next()).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping closed the connection under /next or under the answer's POST: the
                // loop ends cleanly, whichever it was waiting on.
                return;
            }
        }
    }

    /// <summary>One turn of the loop: <c>/next</c>, the handler, the answer. For benchmarks.</summary>
    internal ValueTask InvokeNextAsync(InvocationHandler handler) => InvokeAsync(handler, _client.Next());

    private async ValueTask InvokeAsync(InvocationHandler handler, Invocation invocation)
    {
        Environment.SetEnvironmentVariable(RuntimeApiWire.TraceIdEnvironmentVariable, invocation.TraceId.Length > 0 ? invocation.TraceId : null);
        _logger.RequestId = invocation.RequestId;
        if (handler is ResponseStreamInvocationHandler streaming)
        {
            await InvokeStreamingAsync(streaming, invocation).ConfigureAwait(false);
            return;
        }
        _output.Reset();
        Exception? failure = null;
        using (var context = new LambdaContext(invocation, _environment, _logger, _time))
        {
            try
            {
                await handler.InvokeAsync(_client.EventBody, _output, context).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }

        if (failure is null)
        {
            _client.PostResponse(invocation.RequestId, _output.WrittenSpan);
            return;
        }

        _logger.Write("error", $"{ErrorPayload.TypeOf(failure)}: {failure.Message}");
        _output.Reset();
        ErrorPayload.Write(failure, _output);
        _client.PostError(invocation.RequestId, _output.WrittenSpan, ErrorPayload.TypeOf(failure));
    }

    /// <summary>A streaming handler: its writes go out as they are made; its failure ends the stream, or (before any write) the invocation.</summary>
    private async Task InvokeStreamingAsync(ResponseStreamInvocationHandler handler, Invocation invocation)
    {
        var output = new LambdaResponseStream(_client, invocation.RequestId);
        Exception? failure = null;
        using (var context = new LambdaContext(invocation, _environment, _logger, _time))
        {
            try
            {
                await handler.InvokeAsync(_client.EventBody, output, context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not LambdaRuntimeException)
            {
                failure = ex;
            }
        }

        if (failure is null)
        {
            output.Complete();
            return;
        }

        _logger.Write("error", $"{ErrorPayload.TypeOf(failure)}: {failure.Message}");
        _output.Reset();
        ErrorPayload.Write(failure, _output);
        if (output.HasStarted)
        {
            output.Fail(_output.WrittenSpan, ErrorPayload.TypeOf(failure));
        }
        else
        {
            _client.PostError(invocation.RequestId, _output.WrittenSpan, ErrorPayload.TypeOf(failure));
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _output.Dispose();
    }
}
