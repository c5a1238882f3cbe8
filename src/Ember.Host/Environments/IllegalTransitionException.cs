namespace Ember.Host.Environments;

/// <summary>An environment was asked to move between states in a way its lifecycle forbids.</summary>
internal sealed class IllegalTransitionException : InvalidOperationException
{
    private IllegalTransitionException(string environmentId, EnvironmentState from, EnvironmentState to)
        : base($"environment {environmentId} cannot go from {from} to {to}")
    {
        From = from;
        To = to;
    }

    public EnvironmentState From { get; }
    public EnvironmentState To { get; }

    public static IllegalTransitionException Between(string environmentId, EnvironmentState from, EnvironmentState to) =>
        new(environmentId, from, to);
}
