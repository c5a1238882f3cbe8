using System.Diagnostics;

namespace Ember.Host.Environments.Isolation;

/// <summary>Bounded waiting for kernel state (a cgroup frozen, emptied): spin briefly, then yield, never forever.</summary>
internal static class Poll
{
    public static bool Until(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var spin = new SpinWait();
        while (true)
        {
            if (condition())
            {
                return true;
            }
            if (clock.Elapsed >= timeout)
            {
                return false;
            }
            // SpinWait escalates from spinning to Thread.Yield/Sleep(0)/Sleep(1): a freeze usually
            // completes within microseconds, and a slow one does not burn a core.
            spin.SpinOnce();
        }
    }
}
