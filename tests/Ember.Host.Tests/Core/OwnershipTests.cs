using System.Text.RegularExpressions;
using Ember.Tests.Shared;

namespace Ember.Host.Tests.Core;

/// <summary>
/// Each rule of the invocation core has one owner: these fail when someone writes the state, a
/// platform log line or a protocol literal somewhere else (docs/design: the invocation core).
/// </summary>
public sealed partial class OwnershipTests
{
    private static readonly string s_source = Path.Combine(RepositoryRoot.Find(), "src", "Ember.Host");

    [Fact]
    public void EnvironmentAndInvocationState_AreAssignedOnlyByTheirOwners()
    {
        var offenders = Files()
            .Where(f => StateAssignment().IsMatch(File.ReadAllText(f)))
            .Select(Relative)
            .Where(f => f is not ("Environments/ExecutionEnvironment.cs" or "Invocations/Invocation.cs"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void PlatformLogLines_AreFormattedOnlyInReportLine()
    {
        string[] literals = ["\"START RequestId", "\"END RequestId", "\"REPORT RequestId", "\"INIT_START", "\"INIT_REPORT", "$\"START RequestId", "$\"REPORT RequestId", "$\"INIT_REPORT"];
        var offenders = Files()
            .Where(f => Relative(f) != "Logs/ReportLine.cs")
            .Where(f => literals.Any(File.ReadAllText(f).Contains))
            .Select(Relative)
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void WireLiterals_LiveOnlyInWire()
    {
        string[] literals = ["\"$LATEST\"", "\"AWS_IAM\"", "\"NONE\"", "\"InvalidRequestID\"", "\"InvalidStateTransition\"", "\"Runtime.", "\"/2018-06-01/"];
        var offenders = Files()
            .Where(f => !Relative(f).StartsWith("Wire/", StringComparison.Ordinal))
            .SelectMany(f => literals.Where(File.ReadAllText(f).Contains).Select(l => $"{Relative(f)}: {l}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void EveryWireConstant_IsWrittenOnlyInWire()
    {
        // Every `const string Name = "value";` of Wire/, looked for as a quoted literal in the code
        // (comments aside) of every other file.
        var constants = Files()
            .Where(f => Relative(f).StartsWith("Wire/", StringComparison.Ordinal))
            .SelectMany(f => WireConstant().Matches(File.ReadAllText(f)).Select(m => (Name: $"{Path.GetFileNameWithoutExtension(f)}.{m.Groups[1].Value}", Literal: m.Groups[2].Value)))
            .ToList();
        Assert.True(constants.Count > 50, $"only {constants.Count} constants found in Wire/");

        var offenders = Files()
            .Where(f => !Relative(f).StartsWith("Wire/", StringComparison.Ordinal))
            .SelectMany(f =>
            {
                var code = string.Join('\n', File.ReadLines(f).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
                return constants.Where(c => code.Contains(c.Literal, StringComparison.Ordinal)).Select(c => $"{Relative(f)}: {c.Literal} (use {c.Name})");
            })
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void ControlPlane_DoesNotDependOnTheHost()
    {
        var offenders = Files()
            .Where(f => Relative(f).StartsWith("ControlPlane/", StringComparison.Ordinal) && File.ReadAllText(f).Contains("EmberHost", StringComparison.Ordinal))
            .Select(Relative)
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void NoCatchIsEmpty()
    {
        // A catch says why it may ignore what it caught, or handles it.
        var source = Path.Combine(RepositoryRoot.Find(), "src");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => EmptyCatch().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(source, f))
            .ToList();
        Assert.Empty(offenders);
    }

    private static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(s_source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Relative(string file) => Path.GetRelativePath(s_source, file).Replace('\\', '/');

    [GeneratedRegex(@"const string (\w+)\s*=\s*(""(?:[^""\\]|\\.)*"")\s*;")]
    private static partial Regex WireConstant();

    [GeneratedRegex(@"\bcatch\b[^{;]*\{\s*\}")]
    private static partial Regex EmptyCatch();

    [GeneratedRegex(@"\b_state\s*=[^=]")]
    private static partial Regex StateAssignment();
}
