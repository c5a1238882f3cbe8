using Ember.Host;
using Ember.Lab.Reports;
using Ember.Lab.Runner;
using Ember.Lab.Targets;
using Ember.Tests.Shared;

namespace Ember.Lab.Tests.Targets;

/// <summary>
/// `ember lab --function … --payload …`: the user's own functions of a template not written for the lab
/// (examples/), on the lab's own host and behind another host's Lambda API, with every REPORT read back.
/// Sizes give the functions a whole vCPU, so the small CPU work they do stays short on a busy machine.
/// </summary>
public sealed class OwnFunctionsLabTests
{
    private static LabOptions Options(TempDirectory temp, params string[] extra)
    {
        File.WriteAllText(temp.File("small.json"), """{"limit": 2000}""");
        File.WriteAllText(temp.File("larger.json"), """{"limit": 20000}""");
        var parsed = LabOptionsParser.Parse(
            [.. extra, "--payload", temp.File("small.json"), "--payload", temp.File("larger.json"),
             "--memory", "1769", "--cold", "1", "-n", "2", "-c", "1", "--rounds", "1", "--warmup", "0", "--out", temp.File("out")],
            DateTimeOffset.UtcNow);
        Assert.True(parsed.Success, string.Join("; ", parsed.Errors));
        return parsed.Options!;
    }

    /// <summary>Another host, serving examples' primes-python and asking for requests signed with <paramref name="credentials"/>.</summary>
    private static Task<EmberHost> SecondHostAsync(string template, TempDirectory temp, Ember.Host.Auth.AwsCredentials credentials) =>
        EmberHost.StartAsync(new HostOptions
        {
            PythonCompat = true,
            TemplatePath = template,
            Port = 0,
            DataDirectory = temp.File("remote"),
            FunctionNames = new HashSet<string> { "primes-python" },
            Credentials = credentials,
        });

    [Fact]
    public async Task OnTheLabsHost_EveryFunctionAndPayloadIsMeasuredWithItsReports()
    {
        var template = Path.Combine(RepositoryRoot.Find(), "examples", "template.yaml");
        using var temp = new TempDirectory("ember-lab-own-");
        // One function named by its logical id, as a template's author may.
        var options = Options(temp, "--function", "primes-python", "--function", "HelloPython");

        var problems = OwnFunctionsLab.Check(options, template, out var payloads, out var names);
        Assert.Empty(problems);
        Assert.Equal(["primes-python", "hello-python"], names);
        options = options with { Functions = names, Runtimes = names };
        await using var lab = await OwnFunctionsLab.StartAsync(options, template, names, payloads, temp.File("host"), null, CancellationToken.None);
        var results = await new LabRunner(lab.Targets, size => lab.Payloads[size - 1]).RunAsync(options, CancellationToken.None);

        Assert.Equal(2 * 2 * 2, results.Rows.Count);
        Assert.All(results.Rows, row =>
        {
            Assert.Equal(0, row.Client.Errors);
            Assert.True(row.Server.Reports > 0, $"{row.Runtime} {row.PayloadEvents} {row.Phase}: no REPORT");
        });
        Assert.All(results.Cold, row => Assert.NotEmpty(row.InitDurationMs));
        // On the lab's own host the records add what REPORT lacks: the memory held when init ended
        Assert.All(results.Cold, row => Assert.True(row.Server.InitResidentFileMb > 0, $"{row.Runtime}: no resident file bytes"));
        Assert.All(results.Warm, row => Assert.Null(row.Server.InitResidentFileMb));
        Assert.All(results.Warm, row => Assert.Empty(row.InitDurationMs));
        Assert.Equal("larger.json", results.PayloadLabel(2));
        await ReportWriter.WriteAllAsync(results, options.OutputDirectory, CancellationToken.None);
        var markdown = await File.ReadAllTextAsync(Path.Combine(options.OutputDirectory, "report.md"));
        Assert.Contains("| larger.json | primes-python (python3.12) |", markdown);
    }

    [Fact]
    public async Task BehindAnotherHostsLambdaApi_ColdStartsAreRealThereAndTheConfigurationIsPutBack()
    {
        var template = Path.Combine(RepositoryRoot.Find(), "examples", "template.yaml");
        using var temp = new TempDirectory("ember-lab-endpoint-");
        var credentials = new Ember.Host.Auth.AwsCredentials("AKIAEMBERLABTEST0000", "lab-secret-" + Guid.NewGuid().ToString("N"));
        await using var remote = await SecondHostAsync(template, temp, credentials);
        var options = Options(temp, "--endpoint", remote.BaseAddress.ToString(), "--function", "primes-python");
        var problems = OwnFunctionsLab.Check(options, null, out var payloads, out _);
        Assert.Empty(problems);
        using var http = new HttpClient();
        var target = await ApiLabTarget.ConnectAsync(http, remote.BaseAddress, credentials, "us-east-1", "primes-python", CancellationToken.None);

        var results = await new LabRunner([target], size => payloads[size - 1]).RunAsync(options, CancellationToken.None);
        await target.RestoreAsync();

        Assert.All(results.Rows, row => Assert.True(row.Server.Reports > 0 && row.Client.Errors == 0, $"{row.PayloadEvents} {row.Phase}"));
        // One forced cold start per payload, each a real one on the other host: its records say so.
        var records = await Poll.UntilAsync(() => remote.Records.Query("primes-python") is { Count: 2 * (1 + 2) } all ? all : null);
        Assert.Equal(2, records.Count(r => r.ColdStart));
        Assert.True(remote.Functions.TryGet("primes-python", out var function));
        Assert.Equal(128, function.Configuration.MemoryMb);
        Assert.DoesNotContain("EMBER_LAB_COLD_START", function.Configuration.Environment.Keys);
    }

    [Fact]
    public void Check_ReportsEveryProblemWithTemplateFunctionsAndPayloads()
    {
        var template = Path.Combine(RepositoryRoot.Find(), "examples", "template.yaml");
        using var temp = new TempDirectory("ember-lab-check-");
        File.WriteAllText(temp.File("bad.json"), "{not json");
        var options = LabOptionsParser.Parse(
            ["--function", "nope", "--payload", temp.File("missing.json"), "--payload", temp.File("bad.json")], DateTimeOffset.UtcNow).Options!;

        var problems = OwnFunctionsLab.Check(options, template, out _, out _);
        var withoutTemplate = OwnFunctionsLab.Check(options, null, out _, out _);

        Assert.Contains(problems, p => p.StartsWith("--payload: ", StringComparison.Ordinal) && p.Contains("missing.json does not exist", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--payload: ", StringComparison.Ordinal) && p.Contains("bad.json is not JSON", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("--function: the template declares no function 'nope'; it has ", StringComparison.Ordinal));
        Assert.Contains(withoutTemplate, p => p.StartsWith("--template: name the SAM template", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Provisioned_BehindAnotherHostsLambdaApi_FirstRequestOnAProvisionedVersionHasNoInit()
    {
        var template = Path.Combine(RepositoryRoot.Find(), "examples", "template.yaml");
        using var temp = new TempDirectory("ember-lab-provisioned-");
        var credentials = new Ember.Host.Auth.AwsCredentials("AKIAEMBERLABTEST0000", "lab-secret-" + Guid.NewGuid().ToString("N"));
        await using var remote = await SecondHostAsync(template, temp, credentials);
        var options = Options(temp, "--endpoint", remote.BaseAddress.ToString(), "--function", "primes-python", "--provisioned", "1");
        OwnFunctionsLab.Check(options, null, out var payloads, out _);
        using var http = new HttpClient();
        var target = await ApiLabTarget.ConnectAsync(http, remote.BaseAddress, credentials, "us-east-1", "primes-python", CancellationToken.None);

        var results = await new LabRunner([target], size => payloads[size - 1]).RunAsync(options, CancellationToken.None);
        await target.RestoreAsync();

        var provisioned = Assert.Single(results.Provisioned!);
        Assert.Equal((1, 1, 0), (provisioned.OnDemandFirstMs.Count, provisioned.ProvisionedFirstMs.Count, provisioned.Errors));
        Assert.NotNull(provisioned.OnDemandInitMs);
        Assert.Equal((0, 1), (provisioned.ProvisionedReportsWithInit, provisioned.ProvisionedReports));
        // The run published a version for it and took its provisioning down again.
        Assert.True(remote.Functions.TryGet("primes-python", out var function));
        Assert.Single(function.Versions);
        Assert.Empty(function.Provisioned);
    }
}
