using System.Text.Json;
using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>Memory as Lambda enforces and reports it, through the real host (needs cgroups: skips otherwise).</summary>
public sealed class MemoryTests(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>, IDisposable
{
    public void Dispose() => host.Dump(output);

    private void RequireCgroups() =>
        Requires.Machine(host.Host.Isolation.Description.StartsWith("cgroup", StringComparison.Ordinal)
            ? null
            : "no cgroups here: " + host.Host.Isolation.Description);

    [SkippableFact]
    public async Task Invoke_HoldingAbout100MB_ReportsMaxMemoryUsedNear100MB()
    {
        RequireCgroups();
        using var response = await host.InvokeAsync("hog", new { mb = 100 });
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"), await response.Content.ReadAsStringAsync());
        var report = await host.ReportLineAsync(response.Headers.GetValues("x-amzn-RequestId").Single());

        var used = int.Parse(System.Text.RegularExpressions.Regex.Match(report, @"Max Memory Used: (\d+) MB").Groups[1].Value);
        Assert.InRange(used, 100, 160);
    }

    [Fact]
    public async Task Invoke_SecondEnvironmentOfAFunction_MaxMemoryUsedIsAtLeastItsPeakResidentSet()
    {
        // Given a Python function whose interpreter and libraries are already in the page cache
        // (charged by cgroup v1 to the environment that loaded them first) ...
        using (var first = await host.InvokeAsync("hog", new { mb = 1 }))
        {
            Assert.True(first.IsSuccessStatusCode);
        }
        await host.Host.UpdateConfigurationAsync("hog", c => c with { Environment = c.Environment.SetItem("ROUND", "2") });

        // When a new environment runs it and reports its own peak resident set
        using var response = await host.InvokeAsync("hog", new { mb = 1 });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var report = await host.ReportLineAsync(response.Headers.GetValues("x-amzn-RequestId").Single());

        // Then Max Memory Used is not below it: on Lambda a fresh microVM pays for every page it maps
        var used = int.Parse(System.Text.RegularExpressions.Regex.Match(report, @"Max Memory Used: (\d+) MB").Groups[1].Value);
        var hwmMb = (body.GetProperty("hwmKb").GetInt64() + 1023) / 1024;
        Assert.Contains("Init Duration", report);
        Assert.True(used >= hwmMb, $"Max Memory Used {used} MB < the process's VmHWM {hwmMb} MB: {report}");
    }

    [SkippableFact]
    public async Task Invoke_BeyondMemorySize_FailsWithOutOfMemoryAndHostStaysWell()
    {
        RequireCgroups();
        using var response = await host.InvokeAsync("hog", new { mb = 400 });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("Runtime.OutOfMemory", body.GetProperty("errorType").GetString());

        // A fresh environment serves the next invocation.
        var next = await host.InvokeJsonAsync("hog", new { mb = 1 });
        Assert.Equal(1, next.GetProperty("held").GetInt32());
    }
}
