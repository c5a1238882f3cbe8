namespace Ember.Host.Tests.Functional;

/// <summary>
/// A host whose init limit is one second instead of Lambda's ten, serving only the functions whose
/// init outlasts it: the init-timeout tests then take seconds, not tens of seconds.
/// </summary>
public sealed class ShortInitLimitHostFixture : HostFixture
{
    public static readonly TimeSpan InitLimit = TimeSpan.FromSeconds(1);

    private protected override HostOptions Configure(HostOptions options) => options with
    {
        InitTimeout = InitLimit,
        FunctionNames = new HashSet<string> { "init-past-limit", "init-never-ends" },
    };
}
