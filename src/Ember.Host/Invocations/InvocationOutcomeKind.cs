namespace Ember.Host.Invocations;

/// <summary>How an invocation ended.</summary>
internal enum InvocationOutcomeKind
{
    Success,

    /// <summary>The function reported an error through /error (or failed to initialise).</summary>
    FunctionError,
    Timeout,

    /// <summary>The runtime process exited (Runtime.ExitError or Runtime.OutOfMemory).</summary>
    Crash,

    /// <summary>The response was over 6 MB (Function.ResponseSizeTooLarge).</summary>
    ResponseTooLarge,

    /// <summary>The environment could not be started at all.</summary>
    StartFailure,
}
