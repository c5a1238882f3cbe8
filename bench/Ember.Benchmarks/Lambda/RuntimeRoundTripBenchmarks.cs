using System.Buffers;
using BenchmarkDotNet.Attributes;
using Ember.Lambda;
using Ember.Lambda.Handlers;
using Ember.Lambda.Runtime;

namespace Ember.Benchmarks.Lambda;

/// <summary>
/// Warm per-invocation overhead of Ember.Lambda: one GET /next, an empty (or echoing) handler, one
/// POST /response, over a kept-alive loopback connection to <see cref="LoopbackRuntimeApi"/>.
/// Run: dotnet run -c Release --project bench/Ember.Benchmarks -- --filter '*RuntimeRoundTrip*'
/// </summary>
[MemoryDiagnoser]
public class RuntimeRoundTripBenchmarks
{
    private LoopbackRuntimeApi _api = null!;
    private LambdaRuntime _runtime = null!;
    private InvocationHandler _empty = null!;
    private InvocationHandler _echo = null!;
    private InvocationHandler _typed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _api = new LoopbackRuntimeApi("""{"name":"benchmark"}""");
        var environment = new FunctionEnvironment(_api.Endpoint, "bench", "$LATEST", 128, "/aws/lambda/bench", "stream");
        _runtime = new LambdaRuntime(environment, new StdoutLogger(Stream.Null), TimeProvider.System);
        _empty = new RawInvocationHandler(static (_, _, _) => { });
        _echo = new RawInvocationHandler(static (input, output, _) => output.Write(input));
        _typed = new RawInvocationHandler(LambdaBootstrap.CreateJsonHandler(
            static (BenchRequest request, ILambdaContext _) => new BenchResponse($"Hello, {request.Name}"),
            BenchJsonContext.Default.BenchRequest,
            BenchJsonContext.Default.BenchResponse));
    }

    [Benchmark(Baseline = true)]
    public ValueTask EmptyHandler() => _runtime.InvokeNextAsync(_empty);

    [Benchmark]
    public ValueTask EchoHandler() => _runtime.InvokeNextAsync(_echo);

    [Benchmark]
    public ValueTask TypedJsonHandler() => _runtime.InvokeNextAsync(_typed);

    [GlobalCleanup]
    public void Cleanup()
    {
        _runtime.Dispose();
        _api.Dispose();
    }
}
