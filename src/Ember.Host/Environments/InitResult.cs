using Ember.Host.Invocations;

namespace Ember.Host.Environments;

/// <summary>
/// How the init phase of an environment ended: ready after <see cref="Duration"/>, or failed with
/// <see cref="Failure"/>; with the environment's peak memory so far, and (when it succeeded) what its
/// processes held in memory when the runtime first asked for an invocation.
/// </summary>
internal sealed record InitResult(TimeSpan Duration, InvocationOutcome? Failure, long MaxMemoryUsedMb, ResidentMemory? Resident = null)
{
    public bool Succeeded => Failure is null;

    /// <summary>The init phase ran past its limit (Lambda then retries it within the first invocation).</summary>
    public bool TimedOut => Failure?.ErrorType == Wire.ErrorTypes.RuntimeInitTimeout;
}
