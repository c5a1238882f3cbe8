namespace Ember.Host.Tests.Isolation;

/// <summary>Cgroup tests share the machine's CPUs with the CPU-ratio measurement: run them one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CgroupCollection
{
    public const string Name = "cgroups";
}
