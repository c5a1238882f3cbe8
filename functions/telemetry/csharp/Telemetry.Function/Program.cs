using System.Buffers;
using Ember.Lambda;
using Telemetry.Core;

// bootstrap                       the Runtime API loop (Ember.Lambda)
// bootstrap --stdin               one Function URL event on stdin, the response on stdout (parity)
// (in-process compute is benchmarked by bench/Ember.Telemetry.AotCompute, built with the same settings)
if (args.Length > 0 && args[0] == "--stdin")
{
    using var input = new MemoryStream();
    await Console.OpenStandardInput().CopyToAsync(input);
    var output = new ArrayBufferWriter<byte>();
    TelemetryAggregator.Handle(input.GetBuffer().AsSpan(0, (int)input.Length), output);
    using Stream stdout = Console.OpenStandardOutput();
    stdout.Write(output.WrittenSpan);
    stdout.WriteByte((byte)'\n');
    return 0;
}

await LambdaBootstrap.RunAsync(static (input, output, context) => TelemetryAggregator.Handle(input, output));
return 0;
