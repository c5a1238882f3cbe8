using System.Collections.Concurrent;
using Ember.Lab.Load;
using Ember.Lab.Runner;
using Microsoft.AspNetCore.Http;

namespace Ember.Lab.Tests.Runner;

/// <summary>
/// A stand-in for a deployed function: answers on <c>/{name}</c> of a shared loopback server, gives each
/// invocation a request id and a REPORT (with Init Duration after a forced cold start), and logs what the
/// runner asked of it, in order, into a journal shared by every fake.
/// </summary>
internal sealed class FakeLabTarget(string name, Uri baseUrl, ConcurrentQueue<string> journal, double initMs, double durationMs) : ILabTarget, IProvisionableTarget
{
    private readonly ConcurrentDictionary<string, ServerReport> _reports = new();
    private int _cold = 1;
    private int _memoryMb = 128;
    private int? _reserved;
    private int _inFlight;
    private int _throttled;
    private TaskCompletionSource _burstServed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => name;

    public string RuntimeLabel => name.ToUpperInvariant();

    public Uri FunctionUrl => new(baseUrl, name);

    public long? PackageSizeBytes => 1234;

    public bool CanForceColdStart { get; init; } = true;

    public bool FailEveryInvocation { get; init; }

    public int Invocations => _reports.Count;

    public Task SetMemoryAsync(int memoryMb, CancellationToken cancellationToken)
    {
        _memoryMb = memoryMb;
        journal.Enqueue($"memory {name} {memoryMb}");
        Interlocked.Exchange(ref _cold, 1);
        return Task.CompletedTask;
    }

    public Task ForceColdStartAsync(CancellationToken cancellationToken)
    {
        journal.Enqueue($"cold {name}");
        Interlocked.Exchange(ref _cold, 1);
        return Task.CompletedTask;
    }

    /// <summary>With a reserved concurrency R and a burst of N: the first R are held until the other N − R are throttled.</summary>
    public int BurstRequests { get; init; }

    public Task SetReservedConcurrencyAsync(int? reserved, CancellationToken cancellationToken)
    {
        _reserved = reserved;
        journal.Enqueue($"reserved {name} {reserved?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        return Task.CompletedTask;
    }

    public Uri InvokeUrl(string? qualifier) => new(baseUrl, name + (qualifier is null ? "" : "?Qualifier=" + qualifier));

    public ReadOnlyMemory<byte> InvokePayload(ReadOnlyMemory<byte> body) => body;

    public Task<string> PublishAsync(CancellationToken cancellationToken)
    {
        journal.Enqueue($"publish {name}");
        return Task.FromResult("1");
    }

    /// <summary>Provisioned environments are initialised before they serve: the next request is not a cold start.</summary>
    public Task ProvisionAsync(string version, int environments, CancellationToken cancellationToken)
    {
        journal.Enqueue($"provision {name} {version} {environments}");
        Interlocked.Exchange(ref _cold, 0);
        return Task.CompletedTask;
    }

    public Task UnprovisionAsync(string version, CancellationToken cancellationToken)
    {
        journal.Enqueue($"unprovision {name} {version}");
        return Task.CompletedTask;
    }

    public Task<ServerReport?> GetReportAsync(string requestId, CancellationToken cancellationToken) =>
        Task.FromResult(_reports.TryGetValue(requestId, out var report) ? report : null);

    /// <summary>The server side: what the function answers.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        if (_reserved is { } reserved)
        {
            var now = Interlocked.Increment(ref _inFlight);
            try
            {
                if (now > reserved)
                {
                    context.Response.StatusCode = 429;
                    if (Interlocked.Increment(ref _throttled) == BurstRequests - reserved)
                    {
                        _burstServed.TrySetResult();
                    }
                    return;
                }
                await _burstServed.Task;
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
        var id = Guid.NewGuid().ToString();
        var cold = Interlocked.Exchange(ref _cold, 0) == 1;
        _reports[id] = new ServerReport(id, durationMs, Math.Ceiling(durationMs), _memoryMb, 40, cold ? initMs : null);
        context.Response.Headers[LoadHttp.RequestIdHeader] = id;
        context.Response.StatusCode = FailEveryInvocation ? 502 : 200;
        // As the telemetry functions do: the handler's own whole milliseconds, here half the Duration
        await context.Response.WriteAsync($"{{\"total_events\":1,\"compute_ms\":{(int)(durationMs / 2)},\"language\":\"fake\"}}");
    }
}

/// <summary>Records the runner's progress steps, in order.</summary>
internal sealed class RecordingProgress : ILabProgress
{
    public int TotalSteps { get; private set; }

    public List<LabProgressStep> Steps { get; } = [];

    public bool IsFinished { get; private set; }

    public void Started(int totalSteps) => TotalSteps = totalSteps;

    public void StepCompleted(LabProgressStep step) => Steps.Add(step);

    public void Note(string message)
    {
    }

    public void Finished() => IsFinished = true;
}
