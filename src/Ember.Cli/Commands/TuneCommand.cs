using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ember.Host;
using Ember.Host.Templates;
using Ember.Lab.Cost;
using Ember.Lab.Runner;
using Ember.Lab.Tuning;
using Spectre.Console;

namespace Ember.Cli.Commands;

/// <summary>
/// `ember tune`: power tuning, as AWS Lambda Power Tuning does it but on this machine: one function of
/// a template at several memory sizes, cold and warm, with cost per million and a recommendation.
/// </summary>
internal static class TuneCommand
{
    public static Command Create()
    {
        var function = new Argument<string>("function") { Description = "The function to tune: its FunctionName (or logical id) in the template." };
        var template = new Option<FileInfo>("--template", "-t")
        {
            Description = "The SAM template that declares the function.",
            DefaultValueFactory = _ => new FileInfo("template.yaml"),
        };
        var payload = new Option<FileInfo>("--payload", "-p") { Description = "The event to invoke it with: a JSON file.", Required = true };
        var memory = new Option<string>("--memory", "-m")
        {
            Description = "Memory sizes in MB, comma-separated (128 to 10240).",
            DefaultValueFactory = _ => string.Join(',', TuneOptions.DefaultMemorySizesMb),
        };
        var warm = new Option<int>("-n") { Description = "Warm invocations per memory size.", DefaultValueFactory = _ => 20 };
        var cold = new Option<int>("--cold") { Description = "Forced cold starts per memory size.", DefaultValueFactory = _ => 3 };
        var endpoint = new Option<string>("--endpoint")
        {
            Description = "Tune the function behind this Lambda API endpoint instead (https://lambda.REGION.amazonaws.com, or another ember up), "
                + "through the public API, signed with the standard AWS credentials.",
        };
        var profile = new Option<string>("--profile") { Description = "With --endpoint: the AWS profile whose credentials sign the requests." };
        var region = new Option<string>("--region") { Description = "With --endpoint: the region (else AWS_REGION, the profile's, or the endpoint's)." };
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Where tune.json, tune.md, tune.html and tune.png go.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("tune-results", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture))),
        };
        warm.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("-n must be at least 1.");
            }
        });
        cold.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--cold must be 0 or more.");
            }
        });
        var command = new Command("tune", "Power tuning: run one function at several memory sizes (cold and warm) and recommend the cheapest, fastest and balanced size.")
        {
            function, template, payload, memory, warm, cold, output, endpoint, profile, region,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var problems = new List<string>();
            var sizes = ParseSizes(parse.GetValue(memory)!, problems);
            var payloadFile = parse.GetValue(payload)!;
            var body = FunctionInputs.ReadEvent(payloadFile.FullName, problems) ?? [];
            var templateFile = parse.GetValue(template)!;
            string? name = parse.GetValue(function);
            Uri? remote = null;
            if (parse.GetValue(endpoint) is { } given && (!Uri.TryCreate(given, UriKind.Absolute, out remote) || remote.Scheme is not ("http" or "https")))
            {
                problems.Add($"--endpoint: '{given}' is not an http or https URL.");
            }
            if (remote is not null)
            {
                // The function lives behind the endpoint: the template is not read.
            }
            else
            {
                name = FunctionInputs.FunctionNames(templateFile.FullName, [name!], "NAME", problems).SingleOrDefault() ?? name;
            }
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    Console.Error.WriteLine("ember tune: " + problem);
                }
                return 2;
            }

            var options = new TuneOptions
            {
                FunctionName = name!,
                TemplatePath = templateFile.FullName,
                PayloadPath = payloadFile.FullName,
                MemorySizesMb = sizes,
                WarmInvocations = parse.GetValue(warm),
                ColdStarts = parse.GetValue(cold),
                OutputDirectory = parse.GetValue(output)!.FullName,
            };
            if (remote is not null)
            {
                return await RunRemoteAsync(options, body, remote, parse.GetValue(profile), parse.GetValue(region), cancellationToken);
            }
            return await RunAsync(options, body, cancellationToken);
        });
        return command;
    }

    private static IReadOnlyList<int> ParseSizes(string text, List<string> problems)
    {
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 128 or > 10240)
            {
                problems.Add($"--memory: '{part}' is not a memory size in MB from 128 to 10240.");
                continue;
            }
            sizes.Add(size);
        }
        if (sizes.Count == 0 && problems.Count == 0)
        {
            problems.Add("--memory: give at least one size.");
        }
        return [.. sizes.Distinct().Order()];
    }

    private static async Task<int> RunAsync(TuneOptions options, byte[] payload, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]ember tune[/] {Markup.Escape(options.FunctionName)}: {string.Join(", ", options.MemorySizesMb)} MB, "
            + $"{options.ColdStarts} cold and {options.WarmInvocations} warm invocations each, event {Markup.Escape(Path.GetFileName(options.PayloadPath))}");
        EmberHost host;
        try
        {
            host = await EmberHost.StartAsync(new HostOptions
            {
                PythonCompat = true,
                TemplatePath = options.TemplatePath,
                Port = 0,
                DataDirectory = Path.Combine(options.OutputDirectory, "host"),
                FunctionNames = new HashSet<string> { options.FunctionName },
                Output = message => console.MarkupLine($"[grey]{Markup.Escape(message)}[/]"),
            }, cancellationToken);
        }
        catch (TemplateException e)
        {
            Console.Error.WriteLine($"ember tune: the function cannot be served. {e.Message}");
            return 2;
        }
        catch (HostStartException e)
        {
            Console.Error.WriteLine($"ember tune: {e.Message}");
            return 1;
        }

        await using (host)
        {
            return await TuneAsync(new HostTuneTarget(host, options.FunctionName), options, payload, cancellationToken);
        }
    }

    private static async Task<int> RunRemoteAsync(TuneOptions options, byte[] payload, Uri endpoint, string? profile, string? regionName,
        CancellationToken cancellationToken)
    {
        var credentials = AwsCredentialSources.Resolve(profile, Environment.GetEnvironmentVariable);
        if (credentials is null)
        {
            Console.Error.WriteLine("ember tune: --endpoint needs AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                + "or name a profile of ~/.aws/credentials with --profile (for another ember up: eval \"$(./ember env)\").");
            return 2;
        }
        var region = AwsCredentialSources.Region(regionName, profile, endpoint, Environment.GetEnvironmentVariable);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(16) };
        AnsiConsole.MarkupLine($"[bold]ember tune[/] {Markup.Escape(options.FunctionName)} at {Markup.Escape(endpoint.ToString())} ({Markup.Escape(region)}): "
            + $"{string.Join(", ", options.MemorySizesMb)} MB, {options.ColdStarts} cold and {options.WarmInvocations} warm invocations each");
        try
        {
            return await TuneAsync(new ApiTuneTarget(http, endpoint, credentials, region, options.FunctionName), options, payload, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
        {
            Console.Error.WriteLine("ember tune: " + e.Message);
            return 1;
        }
    }

    private static async Task<int> TuneAsync(ITuneTarget target, TuneOptions options, byte[] payload, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        TuneResult result = null!;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(options.FunctionName), maxValue: 1);
                var tuner = new PowerTuner(target, options, new CostModel(PriceTable.Default), p =>
                {
                    task.MaxValue = p.Steps;
                    task.Value = p.StepsDone;
                    task.Description = Markup.Escape($"{options.FunctionName}: {p.MemoryMb} MB, {p.Phase} {p.Index}/{p.Count}");
                });
                result = await tuner.RunAsync(payload, cancellationToken);
                task.Value = task.MaxValue;
            });

        var files = TuneReportWriter.WriteAll(result, options.OutputDirectory);
        console.WriteLine();
        console.Write(new ResultTable(result));
        console.MarkupLine($"[green]written to {Markup.Escape(options.OutputDirectory)}[/] ({string.Join(", ", files.Select(Path.GetFileName))})");
        return result.Complete ? 0 : 130;
    }

    /// <summary>The report's table and recommendation, for the terminal.</summary>
    private sealed class ResultTable(TuneResult result) : Spectre.Console.Rendering.Renderable
    {
        protected override IEnumerable<Spectre.Console.Rendering.Segment> Render(Spectre.Console.Rendering.RenderOptions options, int maxWidth)
        {
            var table = new Table().AddColumns("Memory (MB)", "Avg Duration (ms)", "p95 (ms)", "Avg Billed (ms)", "Max Memory (MB)", "Avg Init (ms)", "$/million x86_64", "$/million arm64", "Errors");
            foreach (var p in result.Points)
            {
                table.AddRow(
                    p.MemoryMb.ToString("N0", CultureInfo.InvariantCulture) + (p.BeyondThisMachine ? " †" : ""),
                    p.AvgDurationMs.ToString("N2", CultureInfo.InvariantCulture),
                    p.P95DurationMs.ToString("N2", CultureInfo.InvariantCulture),
                    p.AvgBilledMs.ToString("N1", CultureInfo.InvariantCulture),
                    p.MaxMemoryUsedMb.ToString(CultureInfo.InvariantCulture),
                    p.AvgInitDurationMs?.ToString("N1", CultureInfo.InvariantCulture) ?? "–",
                    p.CostPerMillionUsd.X86_64.ToString("0.0000", CultureInfo.InvariantCulture),
                    p.CostPerMillionUsd.Arm64.ToString("0.0000", CultureInfo.InvariantCulture),
                    p.Errors.ToString(CultureInfo.InvariantCulture));
            }
            var r = result.Recommendation;
            string Size(int? m) => m is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) + " MB" : "none";
            var text = new Rows(table,
                new Markup($"[bold]cheapest[/] {Size(r.Cheapest)}   [bold]fastest[/] {Size(r.Fastest)}   [bold]balanced[/] {Size(r.Balanced)}"),
                new Text(string.Join(Environment.NewLine, result.Notes.Append("Balanced: " + r.BalancedDefinition + "."))));
            return ((Spectre.Console.Rendering.IRenderable)text).Render(options, maxWidth);
        }
    }
}
