namespace Ember.Lab.Runner;

/// <summary>The lab's phases.</summary>
internal enum LabPhase
{
    Cold,
    Warm,
}

/// <summary>One step of a lab run, as reported while it runs.</summary>
internal sealed record LabProgressStep(
    LabPhase Phase,
    string Runtime,
    int PayloadEvents,
    int MemoryMb,
    int Round,
    int Rounds,
    int CompletedSteps,
    int TotalSteps);

/// <summary>What the runner tells whoever watches it (the terminal, a test). Called from the runner's own flow, one call at a time.</summary>
internal interface ILabProgress
{
    void Started(int totalSteps);

    void StepCompleted(LabProgressStep step);

    void Note(string message);

    void Finished();
}

/// <summary>Progress that goes nowhere.</summary>
internal sealed class NullLabProgress : ILabProgress
{
    public static NullLabProgress Instance { get; } = new();

    public void Started(int totalSteps)
    {
    }

    public void StepCompleted(LabProgressStep step)
    {
    }

    public void Note(string message)
    {
    }

    public void Finished()
    {
    }
}
