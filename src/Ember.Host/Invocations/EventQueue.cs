using System.Collections.Concurrent;
using System.Threading.Channels;
using Ember.Host.Logs;
using Ember.Host.Wire;

namespace Ember.Host.Invocations;

/// <summary>
/// Event (asynchronous) invocations as Lambda runs them: acknowledged with 202 only once on disk
/// (<see cref="EventStore"/>), run at least once, a failed one retried twice after Lambda's delays, a throttled
/// one retried with back-off up to the maximum event age. Each function has its own lane (its own queue and
/// workers, within its own concurrency), so one function's backlog never delays another's. After a crash, a
/// starting host runs every event that had not finished, again (<see cref="Recover"/>).
/// </summary>
internal sealed class EventQueue : IAsyncDisposable
{
    /// <summary>How many events of one function run at once at most (its reserved concurrency, when lower, throttles the rest).</summary>
    public const int LaneWorkers = 16;

    /// <summary>Lambda stops a recursive loop after about 16 invocations of the chain.</summary>
    public const int RecursionLimit = 16;

    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly InvocationService _invocations;
    private readonly Functions.FunctionCatalog _functions;
    private readonly EventStore _store;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    private readonly TimeSpan _maxAge;
    private readonly Action<string> _output;
    private readonly Microsoft.Extensions.Logging.ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _time;
    private int _pending;

    public EventQueue(InvocationService invocations, Functions.FunctionCatalog functions, EventStore store, IReadOnlyList<TimeSpan> retryDelays, TimeSpan maxAge,
        Action<string> output, Microsoft.Extensions.Logging.ILogger? logger = null, TimeProvider? time = null)
    {
        _invocations = invocations;
        _functions = functions;
        _store = store;
        _retryDelays = retryDelays;
        _maxAge = maxAge;
        _output = output;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        store.Writing.Observe(_logger, "writing the event queue " + store.Path);
    }

    /// <summary>Events accepted and not yet finished (including those waiting for a retry).</summary>
    public int Pending => Volatile.Read(ref _pending);

    public EventStore Store => _store;

    /// <summary>Puts the event on disk, then in its function's lane; returns its request id once it is safe to answer 202.</summary>
    public async Task<string> EnqueueAsync(InvokeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stored = new StoredEvent
        {
            RequestId = request.RequestId ?? Guid.NewGuid().ToString(),
            Function = request.FunctionName,
            Qualifier = request.Qualifier,
            Payload = request.Payload.ToArray(),
            ClientContext = request.ClientContext,
            AcceptedAt = _time.GetUtcNow(),
            State = EventStates.Queued,
            Depth = request.ChainDepth,
        };
        await _store.AddAsync(stored).ConfigureAwait(false);
        Interlocked.Increment(ref _pending);
        LaneOf(stored.Function).Post(stored);
        return stored.RequestId;
    }

    /// <summary>
    /// Runs again every event a previous host left unfinished (call once the functions are loaded): queued ones and
    /// those waiting for a retry as they were, and those that were running when it stopped as redeliveries.
    /// </summary>
    public int Recover()
    {
        _store.Prune(TimeSpan.FromDays(1));
        var recovered = 0;
        foreach (var stored in _store.Unfinished())
        {
            var again = stored.State == EventStates.Running
                ? stored with { State = EventStates.Queued, Redeliveries = stored.Redeliveries + 1 }
                : stored;
            if (again.Redeliveries != stored.Redeliveries)
            {
                _store.Update(again);
                _output($"event {again.RequestId} for {again.Function}: the host stopped during its attempt {again.Attempts}; it runs again (redelivery {again.Redeliveries})");
            }
            Interlocked.Increment(ref _pending);
            recovered++;
            var wait = again.NextAt is { } due ? due - _time.GetUtcNow() : TimeSpan.Zero;
            if (wait > TimeSpan.Zero)
            {
                Later(again, wait);
            }
            else
            {
                LaneOf(again.Function).Post(again);
            }
        }
        if (recovered > 0)
        {
            _output($"{recovered} Event invocation(s) left unfinished by the last run are queued again ({_store.Path}).");
        }
        return recovered;
    }

    private Lane LaneOf(string function) => _lanes.GetOrAdd(function, name => new Lane(this, name));

    private async Task RunAsync(StoredEvent stored, CancellationToken token)
    {
        // The function's event invoke config for the qualifier invoked (PutFunctionEventInvokeConfig), read at each attempt.
        var config = _functions.TryGet(stored.Function, out var function) ? function.EventInvokeConfigFor(stored.Qualifier) : null;
        var maxAge = config?.MaximumEventAgeInSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : _maxAge;
        var retries = config?.MaximumRetryAttempts ?? _retryDelays.Count;
        if (stored.Depth >= RecursionLimit && function?.RecursiveLoop == Functions.RecursiveLoops.Terminate)
        {
            // As Lambda's recursive loop detection: a chain of destinations that has come round 16 times is stopped.
            Finish(stored, EventStates.Failed, "RecursiveInvocationException",
                $"event {stored.RequestId} for {stored.Function} stopped: it is the {stored.Depth + 1}th invocation of a chain of destinations, a recursive loop " +
                "(the function's RecursiveLoop is Terminate; put-function-recursion-config --recursive-loop Allow lets it run)");
            return;
        }
        if (_time.GetUtcNow() - stored.AcceptedAt > maxAge)
        {
            await FinishAsync(stored, EventStates.Failed, DestinationRecord.EventAgeExceeded, null, config,
                $"event {stored.RequestId} for {stored.Function} discarded: older than the maximum event age ({maxAge.TotalSeconds:0} s) after {stored.Attempts} attempt(s)").ConfigureAwait(false);
            return;
        }
        var running = stored with { State = EventStates.Running, Attempts = stored.Attempts + 1, NextAt = null };
        _store.Update(running);
        var result = await _invocations.InvokeAsync(new InvokeRequest
        {
            FunctionName = stored.Function,
            Qualifier = stored.Qualifier,
            Payload = stored.Payload,
            ClientContext = stored.ClientContext,
            RequestId = stored.RequestId,
        }, token).WaitAsync(token).ConfigureAwait(false);
        // (A stopping host does not wait for a running attempt: the event stays Running on disk and runs again at the next start.)
        switch (result.Kind)
        {
            case InvokeResultKind.Throttled:
                // A throttle is not an attempt: it goes back with back-off until the event is too old.
                var backoff = TimeSpan.FromMilliseconds(Math.Min(60_000, 100 * Math.Pow(2, Math.Min(stored.Throttles, 10))));
                Retry(running with { Attempts = stored.Attempts, Throttles = stored.Throttles + 1, Outcome = "Throttled" }, backoff);
                return;
            case InvokeResultKind.NotFound:
                Finish(running, EventStates.Failed, ErrorTypes.ResourceNotFound, $"event {stored.RequestId} discarded: the function {stored.Function} no longer exists");
                return;
        }
        var outcome = result.Outcome!;
        if (!outcome.IsError)
        {
            await FinishAsync(running, EventStates.Succeeded, DestinationRecord.Success, result, config, null).ConfigureAwait(false);
        }
        else if (running.Attempts <= retries)
        {
            var delay = _retryDelays.Count == 0 ? TimeSpan.Zero : _retryDelays[Math.Min(running.Attempts, _retryDelays.Count) - 1];
            Retry(running with { Outcome = outcome.ErrorType ?? RuntimeApiRoutes.UnhandledErrorType }, delay);
        }
        else
        {
            await FinishAsync(running with { Outcome = outcome.ErrorType }, EventStates.Failed, DestinationRecord.RetriesExhausted, result, config,
                $"event {stored.RequestId} for {stored.Function} discarded after {running.Attempts} attempt(s): {outcome.ErrorType}").ConfigureAwait(false);
        }
    }

    /// <summary>Ends an event and, when its config names a destination for how it ended, sends the invocation record there.</summary>
    private async Task FinishAsync(StoredEvent stored, string state, string condition, InvokeResult? last, Functions.EventInvokeConfig? config, string? message)
    {
        var destination = condition == DestinationRecord.Success ? config?.OnSuccess : config?.OnFailure;
        if (destination is not null && Functions.FunctionReference.TryParse(destination, null, out var target))
        {
            var arn = HostIdentity.FunctionArn(_functions.Region, stored.Function, stored.Qualifier ?? ControlPlaneValues.Latest);
            var record = DestinationRecord.Build(stored, arn, condition, _time.GetUtcNow(), last);
            try
            {
                var id = await EnqueueAsync(new InvokeRequest
                {
                    FunctionName = target.Name, Qualifier = target.Qualifier, Payload = record, ChainDepth = stored.Depth + 1,
                }).ConfigureAwait(false);
                _output($"event {stored.RequestId} for {stored.Function}: {condition}, its record sent to {destination} (event {id})");
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                _output($"event {stored.RequestId} for {stored.Function}: {condition}, its record could not be sent to {destination}: {e.Message}");
            }
        }
        var outcome = condition switch
        {
            DestinationRecord.RetriesExhausted => stored.Outcome ?? condition,
            _ => condition,
        };
        Finish(stored, state, outcome, message);
    }

    private void Retry(StoredEvent stored, TimeSpan delay)
    {
        var retrying = stored with { State = EventStates.Retrying, NextAt = _time.GetUtcNow() + delay };
        _store.Update(retrying);
        Later(retrying, delay);
    }

    private void Later(StoredEvent stored, TimeSpan delay) =>
        _ = Task.Delay(delay, _time, _stopping.Token).ContinueWith(t =>
        {
            if (!t.IsCanceled)
            {
                LaneOf(stored.Function).Post(stored);
            }
        }, TaskScheduler.Default);

    private void Finish(StoredEvent stored, string state, string outcome, string? message)
    {
        _store.Update(stored with { State = state, Outcome = outcome, NextAt = null, FinishedAt = _time.GetUtcNow() });
        if (message is not null)
        {
            _output(message);
        }
        Interlocked.Decrement(ref _pending);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var lane in _lanes.Values)
        {
            await lane.StopAsync().ConfigureAwait(false);
        }
        if (Pending > 0)
        {
            _output($"{Pending} Event invocation(s) not finished are kept in {_store.Path}; they run when a host starts on this data dir again.");
        }
        await _store.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>One function's queue and workers.</summary>
    private sealed class Lane
    {
        private readonly Channel<StoredEvent> _queue = Channel.CreateUnbounded<StoredEvent>();
        private readonly EventQueue _owner;
        private readonly Task[] _workers;

        public Lane(EventQueue owner, string function)
        {
            _owner = owner;
            _workers = [.. Enumerable.Range(0, LaneWorkers).Select(_ => Task.Run(WorkAsync))];
            foreach (var worker in _workers)
            {
                worker.Observe(owner._logger, $"an Event invocation worker of {function}");
            }
        }

        public void Post(StoredEvent stored) => _queue.Writer.TryWrite(stored);

        private async Task WorkAsync()
        {
            var token = _owner._stopping.Token;
            try
            {
                await foreach (var stored in _queue.Reader.ReadAllAsync(token).ConfigureAwait(false))
                {
                    await _owner.RunAsync(stored, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // The host is stopping: what is not finished stays in the store for the next start.
            }
        }

        public async Task StopAsync()
        {
            _queue.Writer.TryComplete();
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
    }
}
