using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using Ember.Lab.Payloads;
using Telemetry.Core;

namespace Ember.Cli.Commands;

/// <summary>
/// `ember telemetry-compute`: the C# telemetry handler's in-process compute time (event bytes in,
/// response bytes out), median of N runs after a warm-up, as bench/telemetry-compute.sh compares it
/// with Go and Python.
/// </summary>
internal static class TelemetryComputeCommand
{
    public static Command Create()
    {
        var eventFile = new Option<FileInfo>("--event")
        {
            Description = "Function URL event file (ember payload --function-url-event).",
            Required = true,
        };
        var runs = new Option<int>("--runs")
        {
            Description = "Measured runs; the median is printed in milliseconds.",
            DefaultValueFactory = _ => 15,
        };
        var command = new Command("telemetry-compute", "Measure the C# telemetry handler in process (median ms).")
        {
            eventFile,
            runs,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            byte[] functionUrlEvent = await File.ReadAllBytesAsync(result.GetValue(eventFile)!.FullName, cancellationToken);
            int count = Math.Max(1, result.GetValue(runs));
            var output = new ArrayBufferWriter<byte>();
            // Warm up past tiered compilation (tier 1 after 30 calls and a 100 ms delay), so the
            // figure is the steady state a warm Lambda environment reaches.
            var warmUp = Stopwatch.StartNew();
            for (int i = 0; i < 50 || warmUp.ElapsedMilliseconds < 1_000; i++)
            {
                output.ResetWrittenCount();
                TelemetryAggregator.Handle(functionUrlEvent, output);
            }
            double[] times = new double[count];
            for (int i = 0; i < count; i++)
            {
                output.ResetWrittenCount();
                long start = Stopwatch.GetTimestamp();
                TelemetryAggregator.Handle(functionUrlEvent, output);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            Array.Sort(times);
            Console.WriteLine(times[count / 2].ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }
}
