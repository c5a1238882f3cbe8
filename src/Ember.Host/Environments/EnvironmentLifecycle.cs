namespace Ember.Host.Environments;

/// <summary>The legal moves between <see cref="EnvironmentState"/>s, checked before anything changes.</summary>
internal static class EnvironmentLifecycle
{
    public static bool IsLegal(EnvironmentState from, EnvironmentState to) => (from, to) switch
    {
        (EnvironmentState.Created, EnvironmentState.Initializing) => true,
        (EnvironmentState.Initializing, EnvironmentState.Idle or EnvironmentState.InitFailed) => true,
        (EnvironmentState.Idle, EnvironmentState.Busy) => true,
        (EnvironmentState.Busy, EnvironmentState.Idle) => true,
        (EnvironmentState.Retired, _) => false,
        (_, EnvironmentState.Retired) => true,
        _ => false,
    };

    public static void EnsureLegal(string environmentId, EnvironmentState from, EnvironmentState to)
    {
        if (!IsLegal(from, to))
        {
            throw IllegalTransitionException.Between(environmentId, from, to);
        }
    }
}
