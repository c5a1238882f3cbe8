using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Telemetry.Core;

// Usage: Ember.Telemetry.AotCompute EVENT_FILE [RUNS]
// Prints the median in-process compute (event bytes in, response bytes out) in milliseconds.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Ember.Telemetry.AotCompute EVENT_FILE [RUNS]");
    return 2;
}
byte[] functionUrlEvent = File.ReadAllBytes(args[0]);
int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
var output = new ArrayBufferWriter<byte>();
// No JIT to warm up; a few calls size the reused buffers and tables, as a warm environment has them.
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
