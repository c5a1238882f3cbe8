using System.Text.Json;
using Xunit.Abstractions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>List operations page as Lambda's do (MaxItems, Marker, NextMarker), so SDK paginators and the AWS CLI walk them.</summary>
public sealed class PagingTests(ControlPlaneHost host, ITestOutputHelper output) : IClassFixture<ControlPlaneHost>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [SkippableFact]
    public async Task ListFunctions_OneAtATime_WalksEveryFunctionOnce()
    {
        foreach (var name in new[] { "page-a", "page-b", "page-c" })
        {
            await host.CreatePythonFunctionAsync(name);
        }

        var seen = new List<string>();
        string? marker = null;
        var pages = 0;
        do
        {
            var url = $"{host.Endpoint}/2015-03-31/functions/?MaxItems=1" + (marker is null ? "" : "&Marker=" + Uri.EscapeDataString(marker));
            var page = JsonDocument.Parse(await host.Http.GetStringAsync(url)).RootElement;
            seen.AddRange(page.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()!));
            marker = page.TryGetProperty("NextMarker", out var next) ? next.GetString() : null;
            pages++;
        }
        while (marker is not null && pages < 10);

        Assert.Equal(["page-a", "page-b", "page-c"], seen.Where(n => n.StartsWith("page-", StringComparison.Ordinal)));
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.Count, pages);

        var cli = await host.AwsJsonAsync("list-functions", "--page-size", "1");
        Assert.Equal(seen, cli.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()!));
    }

    [Fact]
    public async Task ListFunctions_BadMaxItemsOrMarker_IsInvalidParameterValue()
    {
        using var zero = await host.Http.GetAsync($"{host.Endpoint}/2015-03-31/functions/?MaxItems=0");
        using var marker = await host.Http.GetAsync($"{host.Endpoint}/2015-03-31/functions/?Marker=%25%25");

        Assert.Equal(400, (int)zero.StatusCode);
        Assert.Equal(400, (int)marker.StatusCode);
        Assert.Equal("InvalidParameterValueException", marker.Headers.GetValues("x-amzn-ErrorType").Single());
    }
}
