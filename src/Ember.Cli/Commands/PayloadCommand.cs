using System.CommandLine;
using Ember.Lab.Payloads;

namespace Ember.Cli.Commands;

/// <summary>`ember payload`: writes a deterministic telemetry payload of a given size.</summary>
internal static class PayloadCommand
{
    public static Command Create()
    {
        var events = new Option<int>("--events")
        {
            Description = "Number of events (the reference sizes are 100, 1000, 5000, 10000, 20000).",
            DefaultValueFactory = _ => 1_000,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed: the same seed and size give the same bytes.",
            DefaultValueFactory = _ => PayloadGenerator.DefaultSeed,
        };
        var output = new Option<FileInfo?>("--out")
        {
            Description = "File to write (standard output when omitted).",
        };
        var asEvent = new Option<bool>("--function-url-event")
        {
            Description = "Write the Function URL event (payload format 2.0) carrying the payload, not the bare JSON array.",
        };
        var command = new Command("payload", "Write a telemetry payload (JSON array of events) for the reference workload.")
        {
            events,
            seed,
            output,
            asEvent,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            int count = result.GetValue(events);
            if (count < 0)
            {
                await Console.Error.WriteLineAsync("ember payload: --events must be 0 or more.");
                return 2;
            }
            byte[] body = new PayloadGenerator(result.GetValue(seed)).Generate(count);
            byte[] bytes = result.GetValue(asEvent) ? PayloadGenerator.ToFunctionUrlEvent(body) : body;
            FileInfo? file = result.GetValue(output);
            if (file is null)
            {
                await using Stream stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(bytes, cancellationToken);
            }
            else
            {
                await File.WriteAllBytesAsync(file.FullName, bytes, cancellationToken);
            }
            return 0;
        });
        return command;
    }
}
