namespace Ember.Host.Environments;

/// <summary>The life of an execution environment (Lambda's INIT, INVOKE, SHUTDOWN phases).</summary>
internal enum EnvironmentState
{
    /// <summary>Made, process not started yet.</summary>
    Created,

    /// <summary>Process started; init ends at its first call to /next.</summary>
    Initializing,

    /// <summary>Init ended without the runtime coming for an event (init error, exit, init timeout); retiring next.</summary>
    InitFailed,

    /// <summary>Waiting for an invocation (frozen where the isolation supports it).</summary>
    Idle,

    /// <summary>Running one invocation.</summary>
    Busy,

    /// <summary>Shut down or dead; never used again.</summary>
    Retired,
}
