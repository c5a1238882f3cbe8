using System.Text;
using System.Text.RegularExpressions;
using Ember.Lab.Published;
using Ember.Lab.Targets;
using Ember.Tests.Shared;

namespace Ember.Lab.Tests.Published;

public sealed class PublishedInitTableTests
{
    [Fact]
    public void Default_ShippedTable_SaysWhereAndWhenItsFiguresComeFrom()
    {
        var table = PublishedInitTable.Default;

        Assert.Equal("https://github.com/maxday/lambda-perf", table.Url);
        Assert.Equal("data/2026-08-22.json", table.File);
        Assert.Equal(new DateTimeOffset(2026, 8, 22, 14, 0, 43, 227, TimeSpan.Zero), table.GeneratedAt);
        Assert.Equal("x86_64", table.Architecture);
        Assert.Equal("maxday lambda-perf", table.Source);
        Assert.Contains("10 forced cold starts", table.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_ShippedTable_HoldsTheSnapshotsFigures()
    {
        var table = PublishedInitTable.Default;

        // Spot checks against data/2026-08-22.json (acd, mu, ad), one per runtime.
        Assert.Equal(new PublishedInitFigure(512, 48.633, 17, 1.431), table.Runtime("go_on_provided_al2023").Nearest(512));
        Assert.Equal(new PublishedInitFigure(128, 85.226, 36.9, 1.847), table.Runtime("python312").Nearest(128));
        Assert.Equal(new PublishedInitFigure(1024, 84.498, 36, 2.296), table.Runtime("python313").Nearest(1024));
        Assert.Equal(new PublishedInitFigure(512, 74.65, 22, 1.872), table.Runtime("dotnet10_aot_on_provided_al2023").Nearest(512));
        Assert.Equal(new PublishedInitFigure(512, 246.791, 72.7, 182.831), table.Runtime("dotnet10").Nearest(512));
        Assert.Equal(new PublishedInitFigure(128, 15.53, 15.6, 1.189), table.Runtime("rust_on_provided_al2023").Nearest(128));
        Assert.All(table.Runtimes, r => Assert.Equal([128, 256, 512, 1024], r.Figures.Select(f => f.MemoryMb)));
    }

    [Fact]
    public void For_EveryLabRuntime_MapsToAPublishedRow()
    {
        var table = PublishedInitTable.Default;

        foreach (var runtime in TelemetryRuntime.All)
        {
            var published = table.For(runtime.Name, 512);

            Assert.NotNull(published);
            Assert.StartsWith("published: ", published.Label, StringComparison.Ordinal);
            Assert.Equal(512, published.MemoryMb);
            Assert.Equal(18.151, published.PlatformFloorMs);
        }

        Assert.Equal("published: .NET 10 AOT", table.For("csharp-aot", 512)!.Label);
        Assert.Equal("dotnet10_aot_on_provided_al2023", table.For("CSharp-AOT", 512)!.Runtime);
        Assert.Equal("dotnet10", table.For("csharp-jit", 512)!.Runtime);
        // The first invocation's Duration: where a JIT runtime compiles the handler.
        Assert.Equal(182.831, table.For("csharp-jit", 512)!.FirstDurationMs);
        Assert.Equal("go_on_provided_al2023", table.For("go", 512)!.Runtime);
        Assert.Null(table.For("remote", 512));
    }

    [Fact]
    public void For_Python_IsTheRuntimeTheTemplateDeclares()
    {
        // Given the Runtime the telemetry template gives telemetry-python
        var template = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "functions", "telemetry", "template.yaml"));
        var declared = Regex.Match(template, @"FunctionName: telemetry-python\s.*?Runtime: (python3\.\d+)", RegexOptions.Singleline).Groups[1].Value;

        // When the table is asked for the lab's Python
        var published = PublishedInitTable.Default.For("python", 512)!;

        // Then it is the same Python (python3.12 → python312): change the mapping with the template
        Assert.Equal(declared.Replace(".", string.Empty, StringComparison.Ordinal), published.Runtime);
    }

    [Theory]
    [InlineData(128, 128)]
    [InlineData(512, 512)]
    [InlineData(384, 256)]
    [InlineData(400, 512)]
    [InlineData(1769, 1024)]
    [InlineData(10_240, 1024)]
    public void For_SizeNotInTheTable_UsesTheNearestAndSaysWhich(int askedMb, int usedMb)
    {
        var published = PublishedInitTable.Default.For("go", askedMb)!;

        var expected = PublishedInitTable.Default.Runtime("go_on_provided_al2023").Figures.Single(f => f.MemoryMb == usedMb);
        Assert.Equal(usedMb, published.MemoryMb);
        Assert.Equal(expected.InitMs, published.InitMs);
    }

    [Fact]
    public void Parse_BrokenTable_ReportsEveryProblemAtOnce()
    {
        // Given a table with no date, a floor and a mapping that name missing runtimes, and a runtime without figures
        const string json = """
            {
              "source": "s", "method": "m", "url": "u", "file": "f", "architecture": "x86_64",
              "platformFloor": "rust",
              "runtimes": [ { "id": "go", "name": "go", "figures": [] } ],
              "labRuntimes": [ { "lab": "python", "published": "python312", "label": "published: Python" } ]
            }
            """;

        // When it is parsed
        var error = Assert.Throws<InvalidDataException>(() => PublishedInitTable.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        // Then every problem is named, not only the first
        Assert.Contains("generatedAt", error.Message, StringComparison.Ordinal);
        Assert.Contains("'go' has no figures", error.Message, StringComparison.Ordinal);
        Assert.Contains("platformFloor 'rust'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'python' is mapped to 'python312'", error.Message, StringComparison.Ordinal);
    }
}
