using System.CommandLine;
using Ember.Host.Logs;

namespace Ember.Cli.Commands;

/// <summary>`ember logs F [--follow]`: print a function's log from the data dir, as CloudWatch would show it.</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var function = new Argument<string>("function") { Description = "The function whose log to print." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines as they come, until Ctrl+C." };
        var json = new Option<bool>("--json") { Description = "Print every line as a JSON object: JSON records as they are, platform lines as Lambda's platform records, other lines as {\"message\": …}." };
        var dataDir = CommonOptions.DataDirectory();
        var command = new Command("logs", "Print a function's log (START, its output, END, REPORT).") { function, follow, json, dataDir };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var name = parse.GetValue(function)!;
            Action<string> print = parse.GetValue(json) ? line => Console.WriteLine(LogLineJson.Convert(line)) : Console.WriteLine;
            var path = Path.Combine(parse.GetValue(dataDir)!.FullName, "logs", name + ".log");
            if (!File.Exists(path) && !parse.GetValue(follow))
            {
                Console.Error.WriteLine($"ember: no log for '{name}' at {path}. Has it been invoked on a host using this --data-dir?");
                return 1;
            }
            if (!parse.GetValue(follow))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    print(line);
                }
                return 0;
            }
            if (!Directory.Exists(Path.GetDirectoryName(path)))
            {
                Console.Error.WriteLine($"ember: no logs at {Path.GetDirectoryName(path)}. Has `ember up` run with this --data-dir?");
                return 1;
            }
            try
            {
                await LogFollower.FollowAsync(path, print, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the end of following.
            }
            return 0;
        });
        return command;
    }
}
