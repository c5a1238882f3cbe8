using Xunit;

namespace Ember.Tests.Shared;

/// <summary>
/// What a test needs from the machine (a tool, a kernel feature). Missing, the test reports
/// Skipped with the reason, never Passed; under CI=true it fails instead, because CI installs
/// everything the suite needs (.ci/run) and a missing tool there is a broken install step.
/// Tests that call these are [SkippableFact] or [SkippableTheory]. What the kernel decides (cgroups)
/// is <see cref="Machine"/>: skipped everywhere, with the reason.
/// </summary>
internal static class Requires
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (fails under CI=true) with <paramref name="whyNot"/> when it is not null.</summary>
    public static void That(string? whyNot)
    {
        if (whyNot is null)
        {
            return;
        }
        if (InCi)
        {
            Assert.Fail($"{whyNot}. CI=true, where .ci/run installs what the tests need: a missing prerequisite is a failure.");
        }
        throw new SkipException(whyNot);
    }

    /// <summary>
    /// Skips with <paramref name="whyNot"/> when it is not null, in CI too: for what the machine's
    /// kernel or hardware decides (cgroups, a cross toolchain's absence), which no install step changes.
    /// </summary>
    public static void Machine(string? whyNot)
    {
        if (whyNot is not null)
        {
            throw new SkipException(whyNot);
        }
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH; skips the test when it is not there.</summary>
    public static string Tool(string tool, string install)
    {
        var path = Tools.Find(tool);
        That(path is null ? $"'{tool}' is not on PATH ({install})" : null);
        return path!;
    }

    /// <summary>The AWS CLI v2 the tests drive (what users run); skips the test when there is none.</summary>
    public static string AwsCliV2()
    {
        That(Tools.AwsCliV2.Value is null
            ? "the AWS CLI v2 is not installed (apt-get install awscli); the tests drive v2, what users run"
                + (Tools.Find("aws") is { } other ? $", and '{other}' is an older major version" : "")
            : null);
        return Tools.AwsCliV2.Value!;
    }
}
