using Ember.Host.Environments.Isolation;

namespace Ember.Host.Tests.Isolation;

/// <summary>A fact that is skipped, saying why, where this machine cannot make cgroups (not root, not mounted…).</summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    public CgroupFactAttribute()
    {
        if (TestIsolation.WhyNoCgroups is { } reason)
        {
            Skip = $"cgroups are not usable here: {reason}";
        }
    }
}
