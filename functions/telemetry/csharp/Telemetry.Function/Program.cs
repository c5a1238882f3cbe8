using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Ember.Lambda;
using Telemetry.Core;

// bootstrap                       the Runtime API loop (Ember.Lambda)
// bootstrap --stdin               one Function URL event on stdin, the response on stdout (parity)
// bootstrap --bench FILE [RUNS]   median in-process compute of FILE's event in ms (AOT figures)
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

if (args.Length > 1 && args[0] == "--bench")
{
    byte[] functionUrlEvent = await File.ReadAllBytesAsync(args[1]);
    int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;
    var output = new ArrayBufferWriter<byte>();
    for (int i = 0; i < 20; i++)
    {
        output.ResetWrittenCount();
        TelemetryAggregator.Handle(functionUrlEvent, output);
    }
    double[] times = new double[runs];
    for (int i = 0; i < runs; i++)
    {
        output.ResetWrittenCount();
        long start = Stopwatch.GetTimestamp();
        TelemetryAggregator.Handle(functionUrlEvent, output);
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    Array.Sort(times);
    Console.WriteLine(times[runs / 2].ToString("F3", CultureInfo.InvariantCulture));
    return 0;
}

await LambdaBootstrap.RunAsync(static (input, output, context) => TelemetryAggregator.Handle(input, output));
return 0;
