using Ember.Host.Environments;
using Ember.Host.Logs;

namespace Ember.Host.Functions;

/// <summary>A function the host serves: its current configuration ($LATEST), its environments and its log.</summary>
internal sealed class LambdaFunction : IAsyncDisposable
{
    private int _inFlight;

    public LambdaFunction(EnvironmentPool latest, FunctionLog log, string region)
    {
        Latest = latest;
        Log = log;
        Arn = HostIdentity.FunctionArn(region, latest.Settings.Configuration.Name);
    }

    public string Name => Configuration.Name;
    public string Arn { get; }
    public FunctionConfiguration Configuration => Latest.Settings.Configuration;
    public EnvironmentPool Latest { get; }
    public FunctionLog Log { get; }
    public DateTimeOffset LastModified { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Reserved concurrency; null when the function draws on the host's unreserved pool.</summary>
    public int? ReservedConcurrency { get; set; }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Takes one of the function's concurrency slots; false when its reserved concurrency is used up.</summary>
    public bool TryEnter()
    {
        var reserved = ReservedConcurrency;
        var now = Interlocked.Increment(ref _inFlight);
        if (reserved is { } limit && now > limit)
        {
            Interlocked.Decrement(ref _inFlight);
            return false;
        }
        return true;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    public async ValueTask DisposeAsync()
    {
        await Latest.DisposeAsync().ConfigureAwait(false);
        await Log.DisposeAsync().ConfigureAwait(false);
    }
}
