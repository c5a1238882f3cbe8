using Ember.Lab.Runner;

namespace Ember.Lab.Tests.Runner;

public sealed class LabOptionsParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 20, 15, 30, TimeSpan.Zero);

    [Fact]
    public void Parse_NoArguments_GivesTheReferenceExperiment()
    {
        var result = LabOptionsParser.Parse([], Now);

        Assert.True(result.Success);
        var options = result.Options!;
        Assert.Equal(["csharp-aot", "csharp-jit", "go", "python"], options.Runtimes);
        Assert.Equal([100, 1_000, 5_000, 10_000, 20_000], options.Sizes);
        Assert.Equal([512], options.MemorySizesMb);
        Assert.Equal(10, options.ColdStarts);
        Assert.Equal(200, options.WarmRequests);
        Assert.Equal(20, options.WarmConcurrency);
        Assert.Equal("python", options.Baseline);
        Assert.Equal(Path.Combine("lab-results", "20261123-201530"), options.OutputDirectory);
        Assert.False(options.Quick);
    }

    [Fact]
    public void Parse_Quick_KeepsEverySizeAndRuntimeWithFewerSamples()
    {
        var options = LabOptionsParser.Parse(["--quick"], Now).Options!;

        Assert.True(options.Quick);
        Assert.Equal(LabOptions.DefaultSizes, options.Sizes);
        Assert.Equal(LabOptions.DefaultRuntimes, options.Runtimes);
        Assert.Equal(3, options.ColdStarts);
        Assert.Equal(60, options.WarmRequests);
        Assert.Equal(10, options.WarmConcurrency);
    }

    [Fact]
    public void Parse_ExplicitFlagsAfterOrBeforeQuick_WinOverQuickDefaults()
    {
        var options = LabOptionsParser.Parse(["-n", "90", "--quick", "--cold", "5"], Now).Options!;

        Assert.Equal(90, options.WarmRequests);
        Assert.Equal(5, options.ColdStarts);
        Assert.Equal(10, options.WarmConcurrency);
    }

    [Fact]
    public void Parse_EveryFlag_IsRead()
    {
        var result = LabOptionsParser.Parse(
            ["--runtimes", "go, python", "--sizes", "100,2_000", "--memory", "128,1769", "--cold", "4", "-n", "50", "-c", "5",
             "--rounds", "2", "--warmup", "7", "--baseline", "go", "--url", "aws=https://abc.lambda-url.us-east-1.on.aws/", "--out", "out/x"],
            Now);

        Assert.True(result.Success, string.Join("; ", result.Errors));
        var options = result.Options!;
        Assert.Equal(["go", "python"], options.Runtimes);
        Assert.Equal([100, 2_000], options.Sizes);
        Assert.Equal([128, 1769], options.MemorySizesMb);
        Assert.Equal((4, 50, 5, 2, 7), (options.ColdStarts, options.WarmRequests, options.WarmConcurrency, options.WarmRounds, options.WarmupRequests));
        Assert.Equal("go", options.Baseline);
        Assert.Equal("out/x", options.OutputDirectory);
        Assert.Equal(new Uri("https://abc.lambda-url.us-east-1.on.aws/"), options.RemoteUrls["aws"]);
        Assert.Equal(["go", "python", "aws"], options.AllTargetNames);
    }

    [Fact]
    public void Parse_ManyProblems_ReportsEveryOneNamingItsFlag()
    {
        var result = LabOptionsParser.Parse(
            ["--sizes", "100,abc", "--memory", "64", "--cold", "-1", "-n", "10", "-c", "20", "--baseline", "ruby", "--url", "nourl", "--bogus", "--out"],
            Now);

        Assert.False(result.Success);
        Assert.Null(result.Options);
        Assert.Contains(result.Errors, e => e.StartsWith("--sizes: 'abc'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("--memory: 64 MB", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("--cold:", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("-c: the concurrency (20)", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("--baseline: 'ruby'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("--url: 'nourl'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("--bogus: unknown option", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e == "--out: a value is required.");
    }

    [Fact]
    public void Parse_UnknownRuntimeWithKnownList_NamesTheFlagAndTheChoices()
    {
        var result = LabOptionsParser.Parse(["--runtimes", "go,cobol"], DateTimeOffset.UnixEpoch, ["csharp-aot", "go", "python"]);

        Assert.False(result.Success);
        Assert.Contains("--runtimes: 'cobol' is not one of csharp-aot, go, python.", result.Errors);
    }

    [Fact]
    public void Parse_OwnFunctions_MakesThemTheTargetsAndThePayloadFilesTheSizes()
    {
        var result = LabOptionsParser.Parse(
            ["--function", "orders", "--function", "orders-go,orders", "--payload", "events/small.json", "--payload", "big.json", "--memory", "128,1769"], Now);

        Assert.True(result.Success, string.Join("; ", result.Errors));
        var options = result.Options!;
        Assert.True(options.OwnFunctions);
        Assert.Equal(["orders", "orders-go"], options.Functions);
        Assert.Equal(["orders", "orders-go"], options.Runtimes);
        Assert.Equal([1, 2], options.Sizes);
        Assert.Equal(["small.json", "big.json"], options.PayloadLabels);
        Assert.Equal("orders", options.Baseline);
        Assert.Equal("big.json", options.DescribeSize(2));
        Assert.Null(options.Endpoint);
    }

    [Fact]
    public void Parse_OwnFunctionsBehindAnEndpoint_ReadsTheEndpointProfileAndRegion()
    {
        var options = LabOptionsParser.Parse(
            ["--endpoint", "https://lambda.eu-west-1.amazonaws.com", "--profile", "lab", "--region", "eu-west-1", "--function", "f", "--payload", "a/e.json", "--payload", "b/e.json", "--baseline", "f"], Now).Options!;

        Assert.Equal(new Uri("https://lambda.eu-west-1.amazonaws.com"), options.Endpoint);
        Assert.Equal(("lab", "eu-west-1"), (options.Profile, options.Region));
        // Two files of one name are told apart by their paths.
        Assert.Equal(["a/e.json", "b/e.json"], options.PayloadLabels);
    }

    [Fact]
    public void Parse_OwnFunctionFlagsMisused_ReportsEachNamingItsFlag()
    {
        var withoutPayload = LabOptionsParser.Parse(["--function", "f", "--sizes", "100", "--runtimes", "go"], Now);
        var withoutFunction = LabOptionsParser.Parse(["--payload", "e.json", "--endpoint", "not a url"], Now);

        Assert.False(withoutPayload.Success);
        Assert.Contains("--payload: --function needs at least one event file to send.", withoutPayload.Errors);
        Assert.Contains(withoutPayload.Errors, e => e.StartsWith("--sizes: not with --function", StringComparison.Ordinal));
        Assert.Contains(withoutPayload.Errors, e => e.StartsWith("--runtimes: not with --function", StringComparison.Ordinal));
        Assert.False(withoutFunction.Success);
        Assert.Contains(withoutFunction.Errors, e => e.StartsWith("--payload: only with --function", StringComparison.Ordinal));
        Assert.Contains("--endpoint: 'not a url' is not an absolute http or https URL.", withoutFunction.Errors);
    }

    [Fact]
    public void Parse_Scenario_KnowsIoAndCanaryAndNamesTheOthersItDoesNot()
    {
        Assert.Equal("io", LabOptionsParser.Parse(["--quick", "--scenario", "io"], Now).Options!.Scenario);
        Assert.Equal("canary", LabOptionsParser.Parse(["--scenario", "canary"], Now).Options!.Scenario);
        Assert.Contains("--scenario: 'bursty' is not one of io, canary.", LabOptionsParser.Parse(["--scenario", "bursty"], Now).Errors);
        Assert.Contains(LabOptionsParser.Parse(["--scenario", "io", "--function", "f", "--payload", "e.json"], Now).Errors,
            e => e.StartsWith("--scenario: not with --function", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_Burst_ReadsNAndCAndTheReservation()
    {
        var options = LabOptionsParser.Parse(["--quick", "--burst", "500:50", "--reserved", "20"], Now).Options!;

        Assert.Equal((500, 50), options.Burst);
        Assert.Equal(20, options.BurstReserved);
        Assert.Equal(10, LabOptionsParser.Parse(["--burst", "5:5"], Now).Options!.BurstReserved);
        Assert.Contains(LabOptionsParser.Parse(["--burst", "50:500"], Now).Errors, e => e.StartsWith("--burst: '50:500' is not N:C", StringComparison.Ordinal));
        Assert.Contains("--reserved: only with --burst N:C (the reserved concurrency the burst meets).", LabOptionsParser.Parse(["--reserved", "3"], Now).Errors);
    }

    [Fact]
    public void Parse_Provisioned_TakesOneToAHundredEnvironments()
    {
        Assert.Equal(5, LabOptionsParser.Parse(["--provisioned", "5"], Now).Options!.Provisioned);
        Assert.Null(LabOptionsParser.Parse([], Now).Options!.Provisioned);
        Assert.Contains("--provisioned: the provisioned environments must be from 1 to 100 (got 0).", LabOptionsParser.Parse(["--provisioned", "0"], Now).Errors);
    }
}
