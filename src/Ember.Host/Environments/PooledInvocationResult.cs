using Ember.Host.Invocations;

namespace Ember.Host.Environments;

/// <summary>What running an invocation in a pool produced: the outcome, the environment it ran in, and the init if it was a cold start.</summary>
internal sealed record PooledInvocationResult(InvocationOutcome Outcome, ExecutionEnvironment Environment, InitResult? Init, TimeSpan InitFailureElapsed)
{
    public bool ColdStart => Init is not null;
}
