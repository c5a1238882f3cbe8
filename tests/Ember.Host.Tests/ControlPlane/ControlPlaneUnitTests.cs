using System.Collections.Immutable;
using Ember.Host.ControlPlane;
using Ember.Host.Functions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>Alias routing and input validation, without a host.</summary>
public sealed class ControlPlaneUnitTests
{
    private static FunctionAlias Alias(double weight) => new()
    {
        Name = "live",
        FunctionVersion = "1",
        AdditionalVersionWeights = ImmutableSortedDictionary<string, double>.Empty.Add("2", weight),
    };

    private static FunctionConfiguration Valid => new() { Name = "fn", Runtime = "python3.12", Handler = "handlers.echo", CodeDirectory = "/tmp" };

    [Theory]
    [InlineData(0.0, "2")]
    [InlineData(0.099, "2")]
    [InlineData(0.1, "1")]
    [InlineData(0.999, "1")]
    public void Select_SampleAgainstWeight_PicksTheVersionWhoseShareItFallsIn(double sample, string expected)
    {
        // Given an alias on version 1 sending 10 % to version 2
        var alias = Alias(0.1);

        // When a sample is drawn
        var version = AliasRouting.Select(alias, sample);

        // Then the first 10 % of [0, 1) goes to version 2
        Assert.Equal(expected, version);
    }

    [Fact]
    public void Select_NoWeights_AlwaysThePrimaryVersion()
    {
        var alias = new FunctionAlias { Name = "live", FunctionVersion = "3" };

        Assert.Equal("3", AliasRouting.Select(alias, 0.0));
        Assert.Equal("3", AliasRouting.Select(alias, 0.99));
    }

    [Fact]
    public void Select_UniformSamples_MatchTheWeight()
    {
        var alias = Alias(0.25);
        var random = new Random(7);

        var toTwo = Enumerable.Range(0, 100_000).Count(_ => AliasRouting.Select(alias, random.NextDouble()) == "2");

        Assert.InRange(toTwo, 24_000, 26_000);
    }

    [Fact]
    public void Check_ValidConfiguration_NoProblems() => Assert.Empty(FunctionValidation.Check(Valid));

    [Fact]
    public void Check_SeveralBadFields_ReportsEachNamingTheField()
    {
        var configuration = Valid with { MemoryMb = 64, TimeoutSeconds = 0, Runtime = "java21", Name = "bad name" };

        var problems = FunctionValidation.Check(configuration);

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("MemorySize 64", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Timeout 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Runtime 'java21'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("FunctionName 'bad name'", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ReservedOrMalformedVariable_IsRefused()
    {
        var configuration = Valid with { Environment = ImmutableSortedDictionary<string, string>.Empty.Add("AWS_REGION", "x").Add("1BAD", "y") };

        var problems = FunctionValidation.Check(configuration);

        Assert.Equal(2, problems.Count);
    }

    [Theory]
    [InlineData("2", 1.5, 1)]
    [InlineData("1", 0.5, 1)]
    [InlineData("$LATEST", 0.5, 1)]
    [InlineData("2", 0.5, 0)]
    public void CheckRouting_Weights_AreValidatedAsLambdaDoes(string version, double weight, int expectedProblems)
    {
        var problems = FunctionValidation.CheckRouting("1", new Dictionary<string, double> { [version] = weight });

        Assert.Equal(expectedProblems, problems.Count);
    }

    [Theory]
    [InlineData("live", true)]
    [InlineData("12", false)]
    [InlineData("$LATEST", false)]
    [InlineData("a:b", false)]
    public void IsAliasName_FollowsLambdaRules(string name, bool expected) => Assert.Equal(expected, FunctionValidation.IsAliasName(name));
}
