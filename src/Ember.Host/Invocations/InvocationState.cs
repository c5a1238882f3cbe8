namespace Ember.Host.Invocations;

/// <summary>Where an invocation is: waiting for a runtime, running in one, or ended (one way only).</summary>
internal enum InvocationState
{
    /// <summary>Accepted; no runtime has received it yet.</summary>
    Queued,

    /// <summary>A runtime received it from /next.</summary>
    Dispatched,

    /// <summary>Ended by the function: a response or an error (including a response too large).</summary>
    Completed,

    /// <summary>Ended by the timeout.</summary>
    TimedOut,

    /// <summary>Ended because the runtime process died or never started.</summary>
    Crashed,
}
