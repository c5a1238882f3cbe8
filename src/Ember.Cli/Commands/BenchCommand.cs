using System.CommandLine;
using Ember.Lab.Load;
using Ember.Lab.Reports;
using Spectre.Console;

namespace Ember.Cli.Commands;

/// <summary><c>ember bench URL --payload FILE -n N -c C [--rate R] [--method POST]</c>: load one URL as <c>hey</c> does, with exact percentiles.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The URL to load, such as a function URL." };
        var payload = new Option<FileInfo?>("--payload") { Description = "File whose bytes are the request body (sent as application/json)." };
        var requests = new Option<int>("-n") { Description = "Number of requests to send in all.", DefaultValueFactory = _ => 200 };
        var concurrency = new Option<int>("-c") { Description = "Requests in flight at once (workers; also the connection pool size).", DefaultValueFactory = _ => 20 };
        var rate = new Option<double?>("--rate") { Description = "Open loop: start requests at this fixed rate per second, and time each from its scheduled start." };
        var method = new Option<string?>("--method") { Description = "HTTP method; POST when a payload is given, GET otherwise." };
        var timeout = new Option<double>("--timeout") { Description = "Seconds before one request is given up as an error.", DefaultValueFactory = _ => 30 };

        var command = new Command("bench", "Load a URL like `hey -n N -c C` (or at a fixed rate) and print exact latency percentiles.");
        command.Arguments.Add(url);
        command.Options.Add(payload);
        command.Options.Add(requests);
        command.Options.Add(concurrency);
        command.Options.Add(rate);
        command.Options.Add(method);
        command.Options.Add(timeout);

        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            var problems = new List<string>();
            var target = parse.GetValue(url)!;
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri))
            {
                problems.Add($"url: '{target}' is not an absolute URL.");
            }

            var payloadFile = parse.GetValue(payload);
            byte[] body = [];
            if (payloadFile is not null)
            {
                if (payloadFile.Exists)
                {
                    body = await File.ReadAllBytesAsync(payloadFile.FullName, cancellationToken);
                }
                else
                {
                    problems.Add($"--payload: the file '{payloadFile.FullName}' does not exist.");
                }
            }

            var methodName = parse.GetValue(method) ?? (payloadFile is null ? "GET" : "POST");
            var seconds = parse.GetValue(timeout);
            if (!double.IsFinite(seconds) || seconds <= 0)
            {
                problems.Add("--timeout: give a positive number of seconds.");
                seconds = 30;
            }

            var options = new LoadOptions
            {
                Url = uri ?? new Uri("http://invalid/"),
                Method = HttpMethod.Parse(methodName.ToUpperInvariant()),
                Body = body,
                Requests = parse.GetValue(requests),
                Concurrency = parse.GetValue(concurrency),
                RatePerSecond = parse.GetValue(rate),
                Timeout = TimeSpan.FromSeconds(seconds),
            };
            if (uri is not null)
            {
                problems.AddRange(options.Validate());
            }
            else
            {
                problems.AddRange(options.Validate().Where(p => !p.StartsWith("url:", StringComparison.Ordinal)));
            }

            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    console.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}");
                }

                return 2;
            }

            using var client = LoadHttp.CreateClient(options.Concurrency, options.Timeout);
            var result = await new LoadGenerator(client).RunAsync(options, cancellationToken);
            LoadSummaryPresenter.Present(options, result, console);
            return result.Errors == 0 ? 0 : 1;
        });
        return command;
    }
}
