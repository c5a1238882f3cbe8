using System.Text;
using System.Text.Json;

namespace Ember.Host.Tests.Functional;

/// <summary>Advanced logging controls: JSON platform records, the runtime's JSON records filtered by level, the control plane's LoggingConfig.</summary>
public sealed class LoggingConfigTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task JsonFormat_PlatformAndFunctionWriteJsonRecords_FilteredByLevel()
    {
        // Given a function with LoggingConfig LogFormat JSON and ApplicationLogLevel WARN (template)
        using var response = await host.InvokeAsync("json-logs", new { }, r => r.Headers.Add("X-Amz-Log-Type", "Tail"));
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();
        var tail = Encoding.UTF8.GetString(Convert.FromBase64String(response.Headers.GetValues("X-Amz-Log-Result").Single()));
        await Poll.UntilAsync(() => host.LogLinesOf("json-logs").Any(l => l.Contains("\"platform.report\"", StringComparison.Ordinal)) ? "reported" : null);
        var lines = host.LogLinesOf("json-logs");

        // Then the platform writes Lambda's JSON records, not its text lines
        Assert.DoesNotContain(lines, l => l.StartsWith("START RequestId", StringComparison.Ordinal) || l.StartsWith("REPORT RequestId", StringComparison.Ordinal));
        var records = lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Contains(records, r => r.TryGetProperty("type", out var t) && t.GetString() == "platform.initStart");
        var start = Assert.Single(records, r => r.TryGetProperty("type", out var t) && t.GetString() == "platform.start");
        Assert.Equal(requestId, start.GetProperty("record").GetProperty("requestId").GetString());
        var report = Assert.Single(records, r => r.TryGetProperty("type", out var t) && t.GetString() == "platform.report");
        var metrics = report.GetProperty("record").GetProperty("metrics");
        Assert.True(metrics.GetProperty("durationMs").GetDouble() >= 0);
        Assert.True(metrics.TryGetProperty("initDurationMs", out _));
        Assert.Equal("success", report.GetProperty("record").GetProperty("status").GetString());
        // and the function's logging records are JSON with its request id, only from WARN up; a print stays a plain line
        var warning = Assert.Single(records, r => r.TryGetProperty("level", out _));
        Assert.Equal(("WARN", "a warning record", requestId), (warning.GetProperty("level").GetString(), warning.GetProperty("message").GetString(), warning.GetProperty("requestId").GetString()));
        Assert.Contains("a printed line", lines);
        Assert.Contains("\"platform.report\"", tail);

        // and GetFunctionConfiguration answers the controls
        var configuration = JsonDocument.Parse(await host.Http.GetStringAsync($"{host.Host.BaseAddress}2015-03-31/functions/json-logs/configuration")).RootElement;
        var logging = configuration.GetProperty("LoggingConfig");
        Assert.Equal(("JSON", "WARN", "INFO"), (logging.GetProperty("LogFormat").GetString(), logging.GetProperty("ApplicationLogLevel").GetString(),
            logging.GetProperty("SystemLogLevel").GetString()));
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_LoggingConfig_IsCheckedAsLambdaChecksIt()
    {
        using var bad = await host.Http.PutAsync($"{host.Host.BaseAddress}2015-03-31/functions/echo/configuration",
            new StringContent("""{"LoggingConfig":{"LogFormat":"Text","ApplicationLogLevel":"DEBUG"}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("need LogFormat JSON", await bad.Content.ReadAsStringAsync());
    }
}
