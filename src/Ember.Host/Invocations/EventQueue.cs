using System.Threading.Channels;

using Ember.Host.Logs;

namespace Ember.Host.Invocations;

/// <summary>
/// Event (asynchronous) invocations: accepted at once, run in the background, a failed one retried
/// twice after Lambda's delays, a throttled one retried with back-off for up to six hours. Nothing
/// is dropped while the host runs; at shutdown the events still queued are counted and reported.
/// </summary>
internal sealed class EventQueue : IAsyncDisposable
{
    private static readonly TimeSpan s_maxAge = TimeSpan.FromHours(6);

    private readonly Channel<QueuedEvent> _queue = Channel.CreateUnbounded<QueuedEvent>();
    private readonly InvocationService _invocations;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    private readonly Action<string> _output;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;
    private int _pending;

    public EventQueue(InvocationService invocations, IReadOnlyList<TimeSpan> retryDelays, Action<string> output,
        Microsoft.Extensions.Logging.ILogger? logger = null, int workers = 16)
    {
        _invocations = invocations;
        _retryDelays = retryDelays;
        _output = output;
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync))];
        foreach (var worker in _workers)
        {
            worker.Observe(logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, "an Event invocation worker");
        }
    }

    /// <summary>Events accepted and not yet finished (including those waiting for a retry).</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Enqueue(InvokeRequest request)
    {
        Interlocked.Increment(ref _pending);
        _queue.Writer.TryWrite(new QueuedEvent(request, DateTimeOffset.UtcNow, 0, 0));
    }

    private async Task WorkAsync()
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                var result = await _invocations.InvokeAsync(item.Request, token).ConfigureAwait(false);
                if (result.Kind == InvokeResultKind.Throttled && DateTimeOffset.UtcNow - item.Accepted < s_maxAge)
                {
                    var backoff = TimeSpan.FromMilliseconds(Math.Min(60_000, 100 * Math.Pow(2, Math.Min(item.Throttles, 10))));
                    Requeue(item with { Throttles = item.Throttles + 1 }, backoff, token);
                    continue;
                }
                if (result.Kind == InvokeResultKind.Completed && result.Outcome!.IsError && item.Attempt < _retryDelays.Count)
                {
                    Requeue(item with { Attempt = item.Attempt + 1 }, _retryDelays[item.Attempt], token);
                    continue;
                }
                if (result.Kind != InvokeResultKind.Completed || result.Outcome!.IsError)
                {
                    _output($"event for {item.Request.FunctionName} discarded after {item.Attempt + 1} attempt(s): {result.Kind} {result.Outcome?.ErrorType}");
                }
                Interlocked.Decrement(ref _pending);
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping: what is still queued is counted and reported by StopAsync.
        }
    }

    private void Requeue(QueuedEvent item, TimeSpan delay, CancellationToken token) =>
        _ = Task.Delay(delay, token).ContinueWith(t =>
        {
            if (!t.IsCanceled)
            {
                _queue.Writer.TryWrite(item);
            }
        }, TaskScheduler.Default);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
        if (Pending > 0)
        {
            _output($"{Pending} Event invocation(s) were still queued at shutdown and were not run.");
        }
        _stopping.Dispose();
    }

    private sealed record QueuedEvent(InvokeRequest Request, DateTimeOffset Accepted, int Attempt, int Throttles);
}
