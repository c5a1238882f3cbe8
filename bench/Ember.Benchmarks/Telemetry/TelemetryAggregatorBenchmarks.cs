using System.Buffers;
using BenchmarkDotNet.Attributes;
using Ember.Lab.Payloads;
using Telemetry.Core;

namespace Ember.Benchmarks.Telemetry;

/// <summary>
/// The C# telemetry handler in process: Function URL event bytes in, response bytes out, at the
/// reference sizes. Run: dotnet run -c Release --project bench/Ember.Benchmarks -- --filter '*TelemetryAggregator*'
/// </summary>
[MemoryDiagnoser]
public class TelemetryAggregatorBenchmarks
{
    private byte[] _event = [];
    private readonly ArrayBufferWriter<byte> _output = new(4096);

    [Params(100, 1_000, 5_000, 10_000, 20_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup() => _event = PayloadGenerator.ToFunctionUrlEvent(new PayloadGenerator().Generate(Events));

    [Benchmark]
    public int Handle()
    {
        _output.ResetWrittenCount();
        return TelemetryAggregator.Handle(_event, _output);
    }
}
