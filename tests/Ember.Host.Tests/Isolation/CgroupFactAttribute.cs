using Ember.Host.Environments.Isolation;

namespace Ember.Host.Tests.Isolation;

/// <summary>A fact that is skipped, saying why, where this machine cannot make cgroups (not root, not mounted…); it may also skip itself (Requires.Machine).</summary>
public sealed class CgroupFactAttribute : SkippableFactAttribute
{
    public CgroupFactAttribute()
    {
        if (TestIsolation.WhyNoCgroups is { } reason)
        {
            Skip = $"cgroups are not usable here: {reason}";
        }
    }
}
