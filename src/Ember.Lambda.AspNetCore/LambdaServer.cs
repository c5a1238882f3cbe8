using System.Buffers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Ember.Lambda.AspNetCore;

/// <summary>
/// An <see cref="IServer"/> with no socket: Ember.Lambda's runtime loop hands it each event, it makes
/// the request's features (<see cref="HttpEventTranslator"/>), runs the app's pipeline on them and
/// writes the response back as the event source expects it. One invocation at a time, as Lambda runs
/// them.
/// </summary>
internal sealed class LambdaServer(LambdaEventSource eventSource) : IServer
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        ArgumentNullException.ThrowIfNull(application);
        // The loop polls /next until the host stops; init ends at the first /next, once the app is built.
        _loop = Task.Run(() => LambdaBootstrap.RunAsync(
            (input, output, context) => ServeAsync(application, input, output, context), _stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ServeAsync<TContext>(IHttpApplication<TContext> application, ReadOnlyMemory<byte> input, IBufferWriter<byte> output, ILambdaContext lambda)
        where TContext : notnull
    {
        var request = HttpEventTranslator.Read(input.Span, eventSource, lambda);
        var features = request.Features;
        var context = application.CreateContext(features);
        Exception? failure = null;
        try
        {
            await application.ProcessRequestAsync(context).ConfigureAwait(false);
            await request.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // What Kestrel does: the app's exception becomes a 500 if nothing was sent yet.
            failure = e;
            request.Fail();
        }
        finally
        {
            application.DisposeContext(context, failure);
        }
        HttpEventTranslator.Write(request, eventSource, output);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();
}
