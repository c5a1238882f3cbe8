using Ember.Host.Environments.Isolation;

namespace Ember.Host.Tests.Isolation;

public sealed class HostInstanceTests
{
    [Fact]
    public void IsStale_ThisHostsOwnName_IsFalse() => Assert.False(HostInstance.IsStale(HostInstance.NewName()));

    [Fact]
    public void IsStale_SamePidWithAnotherStartTime_IsTrue()
    {
        var parts = HostInstance.NewName().Split('-');
        Assert.True(HostInstance.IsStale($"{parts[0]}-{long.Parse(parts[1]) + 1}-1"));
    }

    [Theory]
    [InlineData("system.slice")]
    [InlineData(".probe-12")]
    [InlineData("1-2")]
    public void IsStale_NameNotMadeByAHost_IsFalse(string name) => Assert.False(HostInstance.IsStale(name));

    [Theory]
    [InlineData("fn-1", "fn-1")]
    [InlineData("a/../b c", "a_.._b_c")]
    [InlineData("..", "_..")]
    public void SafeDirectoryName_EnvironmentId_KeepsOnlySafeCharacters(string id, string expected) =>
        Assert.Equal(expected, HostInstance.SafeDirectoryName(id));
}
