namespace Ember.Lab.Runner;

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
