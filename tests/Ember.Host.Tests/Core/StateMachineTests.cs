using Ember.Host.Environments;
using Ember.Host.Invocations;

namespace Ember.Host.Tests.Core;

/// <summary>The two state machines of the invocation core, move by move.</summary>
public sealed class StateMachineTests
{
    [Theory]
    [InlineData("Created", "Initializing", true)]
    [InlineData("Initializing", "Idle", true)]
    [InlineData("Initializing", "InitFailed", true)]
    [InlineData("InitFailed", "Retired", true)]
    [InlineData("InitFailed", "Idle", false)]
    [InlineData("Idle", "InitFailed", false)]
    [InlineData("Idle", "Busy", true)]
    [InlineData("Busy", "Idle", true)]
    [InlineData("Created", "Retired", true)]
    [InlineData("Initializing", "Retired", true)]
    [InlineData("Idle", "Retired", true)]
    [InlineData("Busy", "Retired", true)]
    [InlineData("Created", "Idle", false)]
    [InlineData("Created", "Busy", false)]
    [InlineData("Initializing", "Busy", false)]
    [InlineData("Idle", "Initializing", false)]
    [InlineData("Busy", "Busy", false)]
    [InlineData("Retired", "Idle", false)]
    [InlineData("Retired", "Retired", false)]
    public void Environment_Move_IsLegalOnlyAlongTheLifecycle(string from, string to, bool legal)
    {
        Assert.Equal(legal, EnvironmentLifecycle.IsLegal(Enum.Parse<EnvironmentState>(from), Enum.Parse<EnvironmentState>(to)));
    }

    [Theory]
    [InlineData("Queued", "Dispatched", true)]
    [InlineData("Queued", "TimedOut", true)]
    [InlineData("Queued", "Crashed", true)]
    [InlineData("Dispatched", "Completed", true)]
    [InlineData("Dispatched", "TimedOut", true)]
    [InlineData("Dispatched", "Crashed", true)]
    [InlineData("Dispatched", "Queued", false)]
    [InlineData("Dispatched", "Dispatched", false)]
    [InlineData("Completed", "TimedOut", false)]
    [InlineData("TimedOut", "Completed", false)]
    [InlineData("Crashed", "Dispatched", false)]
    public void Invocation_Move_IsLegalOnlyForward(string from, string to, bool legal)
    {
        Assert.Equal(legal, Invocation.IsLegal(Enum.Parse<InvocationState>(from), Enum.Parse<InvocationState>(to)));
    }

    [Fact]
    public async Task Invocation_SecondCompletion_LosesAndChangesNothing()
    {
        // Given a dispatched invocation that the function answered
        var invocation = new Invocation("id", "{}"u8.ToArray());
        Assert.True(invocation.TryDispatch());
        Assert.True(invocation.TryComplete(InvocationOutcome.Success("ok"u8.ToArray())));
        var ended = invocation.Ended;

        // When the timeout (or the process exiting during the drain) tries to end it too
        var late = invocation.TryComplete(InvocationOutcome.HostError(InvocationOutcomeKind.Timeout, "Sandbox.Timedout", "late"));

        // Then the first completion stands, with its own timestamp
        Assert.False(late);
        Assert.Equal(InvocationState.Completed, invocation.State);
        Assert.Equal(ended, invocation.Ended);
        Assert.Equal(InvocationOutcomeKind.Success, (await invocation.Outcome).Kind);
    }

    [Fact]
    public void Invocation_TimedOutWhileQueued_IsNeverDispatched()
    {
        var invocation = new Invocation("id", "{}"u8.ToArray());
        Assert.True(invocation.TryComplete(InvocationOutcome.HostError(InvocationOutcomeKind.Timeout, "Sandbox.Timedout", "t")));

        Assert.False(invocation.TryDispatch());
        Assert.Null(invocation.Dispatched);
        Assert.Equal(InvocationState.TimedOut, invocation.State);
    }

    [Theory]
    [InlineData("Success", "Completed")]
    [InlineData("FunctionError", "Completed")]
    [InlineData("ResponseTooLarge", "Completed")]
    [InlineData("Timeout", "TimedOut")]
    [InlineData("Crash", "Crashed")]
    [InlineData("StartFailure", "Crashed")]
    public void Invocation_Outcome_EndsInItsState(string kind, string state)
    {
        Assert.Equal(Enum.Parse<InvocationState>(state), Invocation.EndStateOf(Enum.Parse<InvocationOutcomeKind>(kind)));
    }
}
