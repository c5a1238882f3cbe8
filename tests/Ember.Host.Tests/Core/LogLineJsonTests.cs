using System.Text.Json;
using Ember.Host.Logs;

namespace Ember.Host.Tests.Core;

/// <summary>`ember logs --json`: every line of a log as JSON, text platform lines as Lambda's platform records.</summary>
public sealed class LogLineJsonTests
{
    [Fact]
    public void TextReport_BecomesAPlatformReportWithMetrics()
    {
        var line = ReportLine.Report("r1", 2.5, 3, 128, 40, 30.25);

        var json = JsonDocument.Parse(LogLineJson.Convert(line)).RootElement;

        Assert.Equal("platform.report", json.GetProperty("type").GetString());
        var record = json.GetProperty("record");
        Assert.Equal("r1", record.GetProperty("requestId").GetString());
        var metrics = record.GetProperty("metrics");
        Assert.Equal((2.5, 3.0, 128.0, 40.0, 30.25), (metrics.GetProperty("durationMs").GetDouble(), metrics.GetProperty("billedDurationMs").GetDouble(),
            metrics.GetProperty("memorySizeMB").GetDouble(), metrics.GetProperty("maxMemoryUsedMB").GetDouble(), metrics.GetProperty("initDurationMs").GetDouble()));
    }

    [Fact]
    public void StartInitStartJsonAndPlainLines_AreEachOneJsonObject()
    {
        var start = JsonDocument.Parse(LogLineJson.Convert(ReportLine.Start("r2", "$LATEST"))).RootElement;
        var init = JsonDocument.Parse(LogLineJson.Convert(ReportLine.InitStart("python:3.12.ember", "arn:aws:lambda:us-east-1::runtime:ember-python3.12"))).RootElement;
        const string record = """{"timestamp":"t","level":"WARN","message":"m"}""";
        var plain = JsonDocument.Parse(LogLineJson.Convert("hello {not json")).RootElement;

        Assert.Equal(("platform.start", "r2", "$LATEST"), (start.GetProperty("type").GetString(), start.GetProperty("record").GetProperty("requestId").GetString(),
            start.GetProperty("record").GetProperty("version").GetString()));
        Assert.Equal("python:3.12.ember", init.GetProperty("record").GetProperty("runtimeVersion").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1::runtime:ember-python3.12", init.GetProperty("record").GetProperty("runtimeVersionArn").GetString());
        Assert.Equal(record, LogLineJson.Convert(record));
        Assert.Equal("hello {not json", plain.GetProperty("message").GetString());
    }
}
