using System.Collections.Immutable;
using Ember.Host;
using Ember.Host.Invocations;

namespace Ember.Lab.Tuning;

/// <summary>A function on an in-process host: configuration changes and invocations without HTTP, figures from its records.</summary>
internal sealed class HostTuneTarget(EmberHost host, string functionName) : ITuneTarget
{
    public string FunctionName => functionName;

    public string Description => "Ember's local host";

    public Task<TunedFunction> GetAsync(CancellationToken cancellationToken)
    {
        if (!host.Functions.TryGet(functionName, out var function))
        {
            throw new ArgumentException($"the host serves no function named '{functionName}'.");
        }
        var c = function.Configuration;
        return Task.FromResult(new TunedFunction(c.Runtime, c.MemoryMb, c.Environment));
    }

    public Task UpdateAsync(int memoryMb, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken) =>
        host.UpdateConfigurationAsync(functionName, c => c with
        {
            MemoryMb = memoryMb,
            Environment = environment.ToImmutableSortedDictionary(StringComparer.Ordinal),
        }, cancellationToken);

    public async Task<TuneSample> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        // Not cancellable once sent: an invocation runs to its end, as on Lambda.
        var result = await host.Invocations.InvokeAsync(new InvokeRequest { FunctionName = functionName, Payload = payload }, CancellationToken.None)
            .ConfigureAwait(false);
        var record = result.Record ?? throw new InvalidOperationException($"{functionName} was not invoked: {result.Kind} {result.ThrottleReason}");
        return new TuneSample(record.DurationMs, record.BilledDurationMs, record.MaxMemoryUsedMb, record.InitDurationMs,
            record.Outcome == "success" ? null : record.ErrorType ?? record.Outcome);
    }
}
