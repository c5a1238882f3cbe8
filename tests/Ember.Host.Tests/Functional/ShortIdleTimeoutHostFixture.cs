namespace Ember.Host.Tests.Functional;

/// <summary>
/// A host that retires an environment after 100 ms idle instead of ten minutes, serving only echo,
/// so a test can watch an idle environment go without waiting minutes.
/// </summary>
public sealed class ShortIdleTimeoutHostFixture : HostFixture
{
    private protected override HostOptions Configure(HostOptions options) => options with
    {
        IdleTimeout = TimeSpan.FromMilliseconds(100),
        FunctionNames = new HashSet<string> { "echo" },
    };
}
