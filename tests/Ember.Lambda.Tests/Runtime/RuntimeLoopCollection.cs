namespace Ember.Lambda.Tests.Runtime;

/// <summary>
/// Tests that run the runtime loop, one class at a time: the loop sets the process-wide
/// _X_AMZN_TRACE_ID for each invocation (as Lambda's runtimes do), which a test reading it from
/// another class's invocation, running in parallel, would see change under it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RuntimeLoopCollection
{
    public const string Name = "The runtime loop (process-wide _X_AMZN_TRACE_ID)";
}
