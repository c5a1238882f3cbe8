using System.CommandLine;
using System.Globalization;
using Ember.Host.Invocations;

namespace Ember.Cli.Commands;

/// <summary>`ember events [F]`: the Event invocations a host on this data dir has queued, running, waiting to retry, delivered or failed.</summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var function = new Argument<string?>("function") { Description = "Only this function's events.", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int>("--limit", "-n") { Description = "At most this many events, newest first.", DefaultValueFactory = _ => 50 };
        var dataDir = CommonOptions.DataDirectory();
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--limit must be at least 1.");
            }
        });
        var command = new Command("events", "List Event (asynchronous) invocations: queued, running, retrying, succeeded, failed, with their ages.")
        {
            function, limit, dataDir,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var directory = parse.GetValue(dataDir)!.FullName;
            if (!File.Exists(Path.Combine(directory, "events.db")))
            {
                Console.Error.WriteLine($"ember: no Event invocations at {Path.Combine(directory, "events.db")}. Has `ember up` taken any with this --data-dir?");
                return 1;
            }
            await using var store = EventStore.Open(directory);
            var name = parse.GetValue(function);
            var events = store.List(name, parse.GetValue(limit));
            var now = DateTimeOffset.UtcNow;
            var counts = events.GroupBy(e => e.State).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
            Console.WriteLine(events.Count == 0
                ? $"No Event invocations{(name is null ? "" : $" of {name}")}."
                : $"{events.Count} newest Event invocation(s){(name is null ? "" : $" of {name}")}: {string.Join(", ", counts)}.");
            if (events.Count == 0)
            {
                return 0;
            }
            Console.WriteLine($"{"REQUEST ID",-36}  {"FUNCTION",-24}  {"STATE",-9}  {"ATTEMPTS",8}  {"REDELIVERED",11}  {"AGE",8}  OUTCOME / NEXT");
            foreach (var e in events)
            {
                var age = (e.FinishedAt ?? now) - e.AcceptedAt;
                var detail = e.State == EventStates.Retrying && e.NextAt is { } next
                    ? $"{e.Outcome}, retry in {Seconds(next - now)}"
                    : e.Outcome ?? "";
                var target = e.Qualifier is null ? e.Function : $"{e.Function}:{e.Qualifier}";
                Console.WriteLine($"{e.RequestId,-36}  {target,-24}  {e.State,-9}  {e.Attempts,8}  {e.Redeliveries,11}  {Seconds(age),8}  {detail}");
            }
            return 0;
        });
        return command;
    }

    private static string Seconds(TimeSpan span) =>
        span < TimeSpan.Zero ? "now" : span.TotalSeconds < 100 ? span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : span.TotalMinutes < 100 ? span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min"
        : span.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) + " h";
}
