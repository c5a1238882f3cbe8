namespace Ember.Lab.Runner;

/// <summary>The lab's phases.</summary>
internal enum LabPhase
{
    Cold,
    Warm,

    /// <summary>A burst against a reserved concurrency (<c>--burst</c>); it has its own results, not rows.</summary>
    Burst,

    /// <summary>First requests on provisioned environments (<c>--provisioned</c>); its own results too.</summary>
    Provisioned,
}
