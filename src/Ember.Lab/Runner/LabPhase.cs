namespace Ember.Lab.Runner;

/// <summary>The lab's phases.</summary>
internal enum LabPhase
{
    Cold,
    Warm,
}
