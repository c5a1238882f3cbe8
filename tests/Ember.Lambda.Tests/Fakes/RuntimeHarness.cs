using Ember.Lambda.Handlers;
using Ember.Lambda.Runtime;

namespace Ember.Lambda.Tests.Fakes;

/// <summary>Runs a <see cref="LambdaRuntime"/> against a <see cref="FakeRuntimeApi"/> on a background thread.</summary>
internal sealed class RuntimeHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly LambdaRuntime _runtime;

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
        await Task.WhenAny(Run, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(Run.IsCompleted, "the runtime loop did not stop");
        return Run.Exception?.InnerException;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await Run.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception) when (Run.IsFaulted)
        {
            // Tests that expect a failure look at Run themselves.
        }

        _runtime.Dispose();
        _stop.Dispose();
    }
}
