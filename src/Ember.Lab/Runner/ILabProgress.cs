namespace Ember.Lab.Runner;

/// <summary>What the runner tells whoever watches it (the terminal, a test). Called from the runner's own flow, one call at a time.</summary>
internal interface ILabProgress
{
    void Started(int totalSteps);

    void StepCompleted(LabProgressStep step);

    void Note(string message);

    void Finished();
}
