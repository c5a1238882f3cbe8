namespace Ember.Tests.Shared;

/// <summary>Waits for a state by polling with a deadline, never by sleeping a guessed time.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<T?> probe, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the awaited state was not reached before the deadline");
            }
            await Task.Delay(10);
        }
    }

    public static async Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null) =>
        await UntilAsync(() => condition() ? "" : null, timeout);

    /// <summary>The blocking form, for tests that hold a thread anyway (real processes, sandboxes): true once the condition holds, false at the deadline.</summary>
    public static bool Until(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            Thread.Sleep(5);
        }
        return true;
    }
}
