using Ember.Host.Environments.Isolation;

namespace Ember.Host.Tests.Isolation;

/// <summary>Whether this machine can make cgroups, and the isolation the tests use.</summary>
internal static class TestIsolation
{
    private static readonly Lazy<string?> s_whyNoCgroups = new(() =>
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }
        if (!File.Exists("/usr/bin/python3") && !File.Exists("/usr/local/bin/python3") && CgroupEntry.ResolveLikeProcessStart("python3") == "python3")
        {
            return "python3 is not installed";
        }
        using var isolation = EnvironmentIsolationFactory.Detect(noLimits: false, freeze: true);
        return isolation is ProcessTreeIsolation ? isolation.Description : null;
    });

    public static string? WhyNoCgroups => s_whyNoCgroups.Value;

    /// <summary>The isolation this machine supports (cgroups, since callers are [CgroupFact]s).</summary>
    public static IEnvironmentIsolation Detect(bool noLimits = false) => EnvironmentIsolationFactory.Detect(noLimits, freeze: true);

    public static string NewEnvironmentId(string test) => $"{test}-{Guid.NewGuid():N}"[..Math.Min(test.Length + 9, 60)];
}
