using Ember.Lambda.Handlers;
using Ember.Lambda.Runtime;

namespace Ember.Lambda.Tests.Fakes;

/// <summary>Runs a <see cref="LambdaRuntime"/> against a <see cref="FakeRuntimeApi"/> on a background thread.</summary>
internal sealed class RuntimeHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly LambdaRuntime _runtime;
    private bool _failureExpected;

    private RuntimeHarness(FakeRuntimeApi api, Func<CancellationToken, ValueTask<InvocationHandler>> initialize)
    {
        Log = new MemoryStream();
        var environment = new FunctionEnvironment(api.Endpoint, "fake", "$LATEST", 128, "/aws/lambda/fake", "2026/11/23/[$LATEST]abc");
        _runtime = new LambdaRuntime(environment, new StdoutLogger(Stream.Synchronized(Log)), TimeProvider.System);

        // The loop blocks its thread on /next, as it does in a function process.
        Run = Task.Run(() => _runtime.RunAsync(initialize, _stop.Token));
    }

    public MemoryStream Log { get; }

    public Task Run { get; }

    public static RuntimeHarness Start(FakeRuntimeApi api, LambdaRawHandler handler) =>
        new(api, _ => ValueTask.FromResult<InvocationHandler>(new RawInvocationHandler(handler)));

    public static RuntimeHarness Start(FakeRuntimeApi api, InvocationHandler handler) =>
        new(api, _ => ValueTask.FromResult(handler));

    public static RuntimeHarness StartWithInit(FakeRuntimeApi api, Func<CancellationToken, ValueTask<InvocationHandler>> initialize) =>
        new(api, initialize);

    /// <summary>Waits for the loop to end by itself (a fatal error), failing after 30 s.</summary>
    public async Task<Exception?> WaitForFailureAsync()
    {
        _failureExpected = true;
        await Task.WhenAny(Run, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(Run.IsCompleted, "the runtime loop did not stop");
        return Run.Exception?.InnerException;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            // A loop that faulted where the test did not wait for a failure (after its last POST,
            // say) fails the test here: the exception is rethrown, not swallowed.
            await Run.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception) when (_failureExpected && Run.IsFaulted)
        {
            // The test asked for the failure (WaitForFailureAsync) and has looked at it.
        }
        finally
        {
            _runtime.Dispose();
            _stop.Dispose();
        }
    }
}
