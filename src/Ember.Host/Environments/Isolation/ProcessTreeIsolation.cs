namespace Ember.Host.Environments.Isolation;

/// <summary>
/// The fallback where cgroups cannot be used (not root, not mounted, no delegation): no memory or
/// CPU limit, peak memory sampled from the process tree, freezing by SIGSTOP/SIGCONT.
/// </summary>
internal sealed class ProcessTreeIsolation : IEnvironmentIsolation
{
    private readonly IsolationSettings _settings;
    private readonly string? _whyNoCgroups;

    /// <param name="settings">Freezing on or off (limits cannot be enforced here either way).</param>
    /// <param name="whyNoCgroups">Why cgroups were not used, said in the Description; null when limits were turned off on purpose.</param>
    public ProcessTreeIsolation(IsolationSettings settings, string? whyNoCgroups)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _whyNoCgroups = whyNoCgroups;
    }

    public string Description
    {
        get
        {
            var freeze = _settings.FreezeBetweenInvocations ? "freeze between invocations by SIGSTOP/SIGCONT" : "no freezing between invocations";
            var why = _whyNoCgroups is null ? "limits off (--no-limits)" : $"cgroups unavailable: {_whyNoCgroups}";
            return $"No isolation ({why}): no memory or CPU limit, no out-of-memory detection, peak memory sampled from the process tree, {freeze}.";
        }
    }

    public IEnvironmentSandbox Create(string environmentId, int memoryMb)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environmentId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryMb);
        return new ProcessTreeSandbox(_settings.FreezeBetweenInvocations);
    }

    public void Dispose()
    {
    }
}
