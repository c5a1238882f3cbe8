namespace Ember.Host.Environments;

/// <summary>The command that starts a function's runtime, and the variables the runtime adds.</summary>
internal sealed record EnvironmentLaunch(string FileName, IReadOnlyList<string> Arguments, string RuntimeDirectory, string? ExecutionEnv)
{
    /// <summary>When the function runs on another interpreter than its runtime names (--python-compat): what runs it, for INIT_START.</summary>
    public string? Substitution { get; init; }
}
