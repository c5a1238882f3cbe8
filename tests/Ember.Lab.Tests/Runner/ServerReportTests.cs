using Ember.Lab.Runner;

namespace Ember.Lab.Tests.Runner;

/// <summary>The REPORT figures from a log tail: Lambda's text line, or its JSON platform.report record.</summary>
public sealed class ServerReportTests
{
    [Fact]
    public void TextReport_IsRead()
    {
        var report = ServerReport.FromLogTail("START RequestId: a Version: $LATEST\nEND RequestId: a\n" +
            "REPORT RequestId: a\tDuration: 1.50 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tInit Duration: 30.10 ms\n")!;

        Assert.Equal(("a", 1.5, 2.0, 128, 40.0, 30.1), (report.RequestId, report.DurationMs, report.BilledDurationMs, report.MemorySizeMb, report.MaxMemoryUsedMb, report.InitDurationMs));
    }

    [Fact]
    public void JsonPlatformReport_IsRead()
    {
        var tail = """
            {"time":"2026-12-06T19:50:00.000Z","type":"platform.start","record":{"requestId":"b","version":"$LATEST"}}
            {"timestamp":"2026-12-06T19:50:00.001Z","level":"WARN","message":"x","requestId":"b"}
            {"time":"2026-12-06T19:50:00.002Z","type":"platform.report","record":{"requestId":"b","metrics":{"durationMs":3.25,"billedDurationMs":4,"memorySizeMB":256,"maxMemoryUsedMB":61},"status":"success"}}
            """;

        var report = ServerReport.FromLogTail(tail)!;

        Assert.Equal(("b", 3.25, 4.0, 256, 61.0, (double?)null), (report.RequestId, report.DurationMs, report.BilledDurationMs, report.MemorySizeMb, report.MaxMemoryUsedMb, report.InitDurationMs));
        Assert.Null(ServerReport.FromLogTail("""{"time":"x","type":"platform.start","record":{}}"""));
    }
}
