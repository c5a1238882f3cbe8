using System.CommandLine;
using Ember.Host;
using Ember.Host.Templates;
using Ember.Lab.Payloads;
using Ember.Lab.Reports;
using Ember.Lab.Cost;
using Ember.Lab.Runner;
using Ember.Lab.Scenarios;
using Ember.Lab.Targets;
using Spectre.Console;

namespace Ember.Cli.Commands;

/// <summary>
/// `ember lab`: the published Go-vs-Python Lambda experiment with C# added, run side by side on an
/// embedded host, with tables on the terminal and report files and charts in --out.
/// </summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var full = new LabOptions { OutputDirectory = "" };
        var quick = LabOptions.QuickDefaults("");
        string Counts(int normal, int small) => $"(default {normal}; --quick {small})";
        // Every option is declared here, so help lists it and a misspelt one is an error; the values are then read and
        // checked together by LabOptionsParser, which also reports every problem at once.
        Option[] options =
        [
            new Option<bool>("--quick") { Description = "A shorter run: fewer cold starts, rounds and requests, still every runtime and size (a few minutes on 2 cores)." },
            new Option<string>("--runtimes") { HelpName = "LIST", Description = $"Runtimes to measure, comma-separated (default {string.Join(",", LabOptions.DefaultRuntimes)})." },
            new Option<string>("--sizes") { HelpName = "LIST", Description = $"Events per payload, comma-separated (default {string.Join(",", LabOptions.DefaultSizes)})." },
            new Option<string>("--memory") { HelpName = "MB|LIST", Description = $"Memory sizes in MB, comma-separated (default {string.Join(",", full.MemorySizesMb)})." },
            new Option<string>("--cold") { HelpName = "N", Description = $"Forced cold starts per runtime, size and memory {Counts(full.ColdStarts, quick.ColdStarts)}." },
            new Option<string>("-n") { HelpName = "N", Description = $"Warm requests per round {Counts(full.WarmRequests, quick.WarmRequests)}." },
            new Option<string>("-c") { HelpName = "N", Description = $"Concurrent clients of the warm rounds {Counts(full.WarmConcurrency, quick.WarmConcurrency)}." },
            new Option<string>("--rounds") { HelpName = "N", Description = $"Warm rounds, runtimes interleaved {Counts(full.WarmRounds, quick.WarmRounds)}." },
            new Option<string>("--warmup") { HelpName = "N", Description = $"Requests before each warm round, not measured {Counts(full.WarmupRequests, quick.WarmupRequests)}." },
            new Option<string>("--baseline") { HelpName = "RUNTIME", Description = $"The runtime the others are compared with (default {full.Baseline}; with --function, the first function)." },
            new Option<string[]>("--url") { HelpName = "NAME=URL", Description = "Also measure a deployed function through its URL (repeatable), for example a real Lambda Function URL." },
            new Option<string>("--scenario") { HelpName = string.Join("|", LabOptions.Scenarios), Description = "io: each runtime beside its I/O-bound twin writing to a local DynamoDB; canary: after the run, the article's Python-to-Go migration through a weighted alias (10 %, 50 %, 100 %)." },
            new Option<string>("--burst") { HelpName = "N:C", Description = "Also send N requests from C clients at once against a reserved concurrency, and report throttles." },
            new Option<string>("--reserved") { HelpName = "R", Description = $"The reserved concurrency --burst meets (default {full.BurstReserved})." },
            new Option<string>("--provisioned") { HelpName = "N", Description = "Also measure N provisioned environments (1-100): first invocations with no cold start." },
            new Option<string>("--out") { HelpName = "DIR", Description = "Where report.md, results.csv/json, report.html and the charts go (default lab-results/<UTC time>)." },
            new Option<string[]>("--function") { HelpName = "NAME", Description = "Measure your own function of --template (repeatable, or comma-separated) instead of the telemetry functions." },
            new Option<string[]>("--payload") { HelpName = "FILE", Description = "An event file to send your functions; each is one column of the report (repeatable)." },
            new Option<string>("--endpoint") { HelpName = "URL", Description = "Measure --function on a Lambda endpoint (AWS, or another ember up) instead of an embedded host." },
            new Option<string>("--profile") { HelpName = "P", Description = "The AWS profile whose credentials sign requests to --endpoint." },
            new Option<string>("--region") { HelpName = "R", Description = "The region of --endpoint." },
            new Option<string>("--template") { HelpName = "PATH", Description = "The SAM template of the functions (default functions/telemetry/template.yaml)." },
        ];
        var command = new Command("lab", "Run the telemetry experiment across runtimes, or your own functions, and write report.md, results.csv/json, "
            + "report.html and charts.\nUsage: " + LabOptionsParser.Usage + " [--template PATH]");
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
            await RunAsync(Arguments(parse, options), cancellationToken));
        return command;
    }

    /// <summary>The options given, as the flag and value tokens LabOptionsParser reads, in the order declared.</summary>
    private static List<string> Arguments(ParseResult parse, IEnumerable<Option> options)
    {
        var args = new List<string>();
        foreach (var option in options)
        {
            if (parse.GetResult(option) is not { Implicit: false } result)
            {
                continue;
            }
            switch (result.GetValueOrDefault<object?>())
            {
                case bool given:
                    if (given)
                    {
                        args.Add(option.Name);
                    }
                    break;
                case string[] values:
                    foreach (var value in values)
                    {
                        args.Add(option.Name);
                        args.Add(value);
                    }
                    break;
                case string value:
                    args.Add(option.Name);
                    args.Add(value);
                    break;
                default:
                    // Given with no value: the parser says which value it needed.
                    args.Add(option.Name);
                    break;
            }
        }
        return args;
    }

    private static async Task<int> RunAsync(List<string> args, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var givenTemplate = TakeOption(args, "--template");
        var templatePath = givenTemplate ?? Path.Combine(RepositoryRoot(), "functions", "telemetry", "template.yaml");
        var parsed = LabOptionsParser.Parse(args, DateTimeOffset.Now, [.. TelemetryRuntime.All.Select(r => r.Name)]);
        if (!parsed.Success)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine("ember lab: " + error);
            }
            Console.Error.WriteLine("usage: " + LabOptionsParser.Usage);
            return 2;
        }
        var options = parsed.Options!;
        var output = Path.GetFullPath(options.OutputDirectory);
        options = options with { OutputDirectory = output };
        if (options.OwnFunctions)
        {
            return await RunOwnAsync(options, givenTemplate, cancellationToken);
        }
        Directory.CreateDirectory(output);

        console.MarkupLine($"[bold]ember lab[/]: {string.Join(", ", options.Runtimes)} × {string.Join(", ", options.Sizes)} events at {string.Join(", ", options.MemorySizesMb)} MB"
            + (options.Quick ? " [grey](quick)[/]" : ""));
        console.MarkupLine("[grey]building the functions (cached after the first run) and starting the host...[/]");
        EmbeddedLab lab;
        try
        {
            lab = await EmbeddedLab.StartAsync(options, templatePath, Path.Combine(output, "host"),
                message => console.MarkupLine($"[grey]{Markup.Escape(message)}[/]"), cancellationToken);
        }
        catch (TemplateException e)
        {
            Console.Error.WriteLine($"ember lab: the functions cannot be served. {e.Message}");
            return 1;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("ember lab: " + e.Message);
            return 2;
        }

        await using (lab)
        {
            foreach (var note in lab.Notes)
            {
                console.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
            }
            var measured = lab.Targets.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            // The runtimes whose toolchain is there, and with --scenario io their I/O-bound variants.
            options = options with { Runtimes = [.. lab.Targets.Where(t => t is HostLabTarget).Select(t => t.Name)] };
            if (!measured.Contains(options.Baseline))
            {
                var baseline = options.Runtimes.FirstOrDefault() ?? options.RemoteUrls.Keys.First();
                console.MarkupLine($"[yellow]baseline {Markup.Escape(options.Baseline)} is not measured; using {Markup.Escape(baseline)}[/]");
                options = options with { Baseline = baseline };
            }
            console.MarkupLine($"[grey]host: {Markup.Escape(lab.Host.Isolation.Description)}[/]");
            if (lab.IoHost?.DynamoDb is { } dynamoDb)
            {
                console.MarkupLine($"[grey]--scenario io: the I/O-bound variants write to a local DynamoDB at {Markup.Escape(dynamoDb.Endpoint.ToString())}[/]");
            }

            var generator = new PayloadGenerator();
            var runner = new LabRunner(lab.Targets, size => generator.Generate(size), new ConsoleLabProgress(console));
            LabResults results;
            try
            {
                results = await runner.RunAsync(options, cancellationToken);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine("ember lab: " + e.Message);
                return 2;
            }
            List<string> notes = [.. lab.Notes, $"Environments: {lab.Host.Isolation.Description.TrimEnd('.')}."];
            if (options.Scenario == "canary" && !cancellationToken.IsCancellationRequested)
            {
                results = await CanaryAsync(lab, options, generator, results, notes, cancellationToken);
            }
            return await WriteAsync(results, notes, output, cancellationToken.IsCancellationRequested);
        }
    }

    /// <summary>`--scenario canary`: Python to Go, then to C# (AOT), through a weighted alias on the lab's host, after the main run.</summary>
    private static async Task<LabResults> CanaryAsync(EmbeddedLab lab, LabOptions options, PayloadGenerator payloads, LabResults results, List<string> notes,
        CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var measured = lab.Targets.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var from = TelemetryRuntime.Find("python")!;
        var candidates = new[] { "go", "csharp-aot" }.Where(measured.Contains).Select(n => TelemetryRuntime.Find(n)!).ToArray();
        if (!measured.Contains(from.Name) || candidates.Length == 0)
        {
            notes.Add("--scenario canary: skipped, it migrates python to go or csharp-aot, and needs both measured (--runtimes).");
            return results;
        }
        try
        {
            var canary = await new CanaryRunner(lab.Host, new CostModel(PriceTable.Default), message => console.MarkupLine($"[grey]{Markup.Escape(message)}[/]"))
                .RunAsync(from, candidates, options, payloads.Generate(options.Sizes[0]), cancellationToken);
            return results with { Canary = canary };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            notes.Add("--scenario canary: stopped (Ctrl+C) before it finished; not reported.");
            return results;
        }
    }

    /// <summary>Writes the reports (also, and at once, after Ctrl+C: what was measured); 130 when the run was <paramref name="stopped"/>.</summary>
    private static async Task<int> WriteAsync(LabResults results, IReadOnlyList<string> notes, string output, bool stopped)
    {
        var console = AnsiConsole.Console;
        results = results with { Metadata = results.Metadata with { Notes = [.. results.Metadata.Notes, .. notes] } };
        await ReportWriter.WriteAllAsync(results, output, CancellationToken.None);
        TerminalPresenter.Present(results, console);
        console.MarkupLine($"[green]report written to {Markup.Escape(output)}[/] (report.md, report.html, results.csv, results.json, charts"
            + (File.Exists(Path.Combine(output, "host", "invocations.db")) ? "; host records in host/invocations.db)" : ")"));
        return stopped ? 130 : results.Rows.Any(r => r.Client.Errors > 0) ? 1 : 0;
    }

    /// <summary>`ember lab --function … --payload …`: the user's own functions, of a template on the lab's host or behind --endpoint.</summary>
    private static async Task<int> RunOwnAsync(LabOptions options, string? templatePath, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var problems = OwnFunctionsLab.Check(options, templatePath, out var payloads, out var functionNames);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine("ember lab: " + problem);
            }
            return 2;
        }
        // Template functions may be named by logical id: the targets carry their function names.
        var renamed = options.Functions.Zip(functionNames).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        options = options with
        {
            Functions = functionNames,
            Runtimes = functionNames,
            Baseline = renamed.GetValueOrDefault(options.Baseline, options.Baseline),
        };
        if (options.Validate() is { Count: > 0 } invalid)
        {
            foreach (var problem in invalid)
            {
                Console.Error.WriteLine("ember lab: " + problem);
            }
            return 2;
        }
        Directory.CreateDirectory(options.OutputDirectory);
        console.MarkupLine($"[bold]ember lab[/]: {Markup.Escape(string.Join(", ", options.Functions))} × {Markup.Escape(string.Join(", ", options.PayloadLabels!))} "
            + $"at {string.Join(", ", options.MemorySizesMb)} MB" + (options.Quick ? " [grey](quick)[/]" : ""));
        OwnFunctionsLab lab;
        try
        {
            lab = await OwnFunctionsLab.StartAsync(options, templatePath, functionNames, payloads, Path.Combine(options.OutputDirectory, "host"),
                message => console.MarkupLine($"[grey]{Markup.Escape(message)}[/]"), cancellationToken);
        }
        catch (TemplateException e)
        {
            Console.Error.WriteLine($"ember lab: the functions cannot be served. {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is InvalidOperationException or HostStartException)
        {
            Console.Error.WriteLine("ember lab: " + e.Message);
            return 1;
        }

        await using (lab)
        {
            console.MarkupLine($"[grey]functions on {Markup.Escape(lab.Where)}[/]");
            var runner = new LabRunner(lab.Targets, size => lab.Payloads[size - 1], new ConsoleLabProgress(console));
            LabResults results;
            try
            {
                results = await runner.RunAsync(options, cancellationToken);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                Console.Error.WriteLine("ember lab: " + e.Message);
                return e is ArgumentException ? 2 : 1;
            }
            finally
            {
                foreach (var failure in await lab.RestoreAsync())
                {
                    Console.Error.WriteLine("ember lab: could not put back the configuration of " + failure);
                }
            }
            List<string> notes = [$"Functions measured on {lab.Where}, through the Lambda API (Invoke with LogType Tail; REPORT figures from the log tail)."];
            if (lab.Host is { } host)
            {
                notes.Add($"Environments: {host.Isolation.Description.TrimEnd('.')}.");
                notes.AddRange(host.Functions.All.Select(f => host.Functions.Launchers.SubstitutionNote(f.Configuration)).OfType<string>());
            }
            return await WriteAsync(results, notes, options.OutputDirectory, cancellationToken.IsCancellationRequested);
        }
    }

    private static string? TakeOption(List<string> args, string name)
    {
        var index = args.IndexOf(name);
        if (index < 0 || index + 1 >= args.Count)
        {
            return null;
        }
        var value = args[index + 1];
        args.RemoveRange(index, 2);
        return Path.GetFullPath(value);
    }

    /// <summary>The checkout the CLI was built from (the launcher builds it into .ember/cli inside it).</summary>
    private static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "functions", "telemetry", "template.yaml")))
                {
                    return dir.FullName;
                }
            }
        }
        return Environment.CurrentDirectory;
    }
}
