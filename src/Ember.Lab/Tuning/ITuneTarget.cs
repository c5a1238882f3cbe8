namespace Ember.Lab.Tuning;

/// <summary>One invocation's REPORT figures, and its error type when it failed.</summary>
internal sealed record TuneSample(double DurationMs, long BilledMs, long MaxMemoryUsedMb, double? InitDurationMs, string? ErrorType)
{
    public bool Succeeded => ErrorType is null;
}

/// <summary>What tuning changes and restores: the function's memory size and environment variables.</summary>
internal sealed record TunedFunction(string Runtime, int MemoryMb, IReadOnlyDictionary<string, string> Environment, long? CodeSizeBytes = null);

/// <summary>
/// A function `ember tune` drives through Lambda's own operations: read its configuration, update
/// memory and environment (returning once the update is Successful, so the next invoke is a cold
/// start), and invoke it, reading the REPORT's figures.
/// </summary>
internal interface ITuneTarget
{
    string FunctionName { get; }

    /// <summary>Where the function runs, for the report: "Ember's local host", or the endpoint.</summary>
    string Description { get; }

    Task<TunedFunction> GetAsync(CancellationToken cancellationToken);

    Task UpdateAsync(int memoryMb, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken);

    Task<TuneSample> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
