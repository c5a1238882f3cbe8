namespace Ember.Host.Environments;

/// <summary>An environment taken from a pool for one invocation, and its init if it was a cold start.</summary>
internal sealed record EnvironmentLease(ExecutionEnvironment Environment, InitResult? Init)
{
    public bool ColdStart => Init is not null;

    /// <summary>False when the cold start's init failed: the environment is retired and must not be invoked.</summary>
    public bool Ready => Init is null || Init.Succeeded;
}
