using Ember.Lab.Runner;

namespace Ember.Lab.Targets;

/// <summary>A URL the lab can only load (for example a real Function URL on AWS): warm phase only, no REPORT figures.</summary>
internal sealed class RemoteLabTarget(string name, Uri url) : ILabTarget
{
    public string Name { get; } = name;
    public string RuntimeLabel => $"{Name} (remote)";
    public Uri FunctionUrl { get; } = url;
    public long? PackageSizeBytes => null;
    public bool CanForceColdStart => false;

    public Task SetMemoryAsync(int memoryMb, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ForceColdStartAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Name} is a remote URL: Ember cannot force its cold starts.");

    public Task<ServerReport?> GetReportAsync(string requestId, CancellationToken cancellationToken) => Task.FromResult<ServerReport?>(null);
}
