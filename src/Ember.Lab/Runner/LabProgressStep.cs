namespace Ember.Lab.Runner;

/// <summary>One step of a lab run, as reported while it runs.</summary>
internal sealed record LabProgressStep(
    LabPhase Phase,
    string Runtime,
    int PayloadEvents,
    int MemoryMb,
    int Round,
    int Rounds,
    int CompletedSteps,
    int TotalSteps,
    string? PayloadDescription = null);
