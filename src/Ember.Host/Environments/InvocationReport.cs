using System.Diagnostics;
using Ember.Host.Invocations;

namespace Ember.Host.Environments;

/// <summary>
/// What an environment reports about one invocation it ran, fixed when the invocation ended and
/// before the environment could take another: the outcome, the exact duration and the peak memory.
/// </summary>
internal sealed record InvocationReport(InvocationOutcome Outcome, long? Dispatched, long? Ended, long MaxMemoryUsedMb, string EnvironmentId)
{
    /// <summary>From the runtime receiving the event to the winning completion; zero if the runtime never received it.</summary>
    public TimeSpan Duration => Dispatched is { } from && Ended is { } to ? Stopwatch.GetElapsedTime(from, to) : TimeSpan.Zero;

    public bool ReachedRuntime => Dispatched is not null;
}
