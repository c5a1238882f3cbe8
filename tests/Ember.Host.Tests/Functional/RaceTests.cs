using System.Text.Json;
using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>
/// Each way an invocation can end, raced against another: the runtime's answer against the timeout,
/// the answer against the process dying, an init error against the caller going away. Whichever
/// wins, the caller's answer, the REPORT line and the record say the same, every time.
/// </summary>
public sealed class RaceTests(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [Fact]
    public async Task AnswerAgainstTheTimeout_CallerReportAndRecordAgree()
    {
        // "racer" has a 1 s timeout; it answers after 0.90 to 1.10 s.
        var outcomes = new List<string>();
        for (var sleepMs = 900; sleepMs <= 1100; sleepMs += 25)
        {
            outcomes.Add(await InvokeAndCheckAsync("racer", new { sleepMs }));
        }
        output.WriteLine(string.Join(", ", outcomes));
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "success", "timeout" }));
        Assert.Equal("timeout", outcomes[^1]);
    }

    [Fact]
    public async Task AnswerAgainstTheProcessExiting_CallerReportAndRecordAgree()
    {
        var outcomes = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            outcomes.Add(await InvokeAndCheckAsync("racer", new { answerAndExit = true, i }));
        }
        output.WriteLine(string.Join(", ", outcomes));
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "success", "crash" }));
    }

    [Fact]
    public async Task InitErrorAgainstTheCallerGoingAway_EveryStartedInvocationIsReportedAndRecordedAlike()
    {
        // Callers that give up while "broken-import" initializes (and fails), then one that waits.
        for (var i = 0; i < 6; i++)
        {
            using var abandon = new CancellationTokenSource(TimeSpan.FromMilliseconds(5 * i));
            try
            {
                using var response = await host.InvokeAsync("broken-import", new { i }, cancellationToken: abandon.Token);
            }
            catch (OperationCanceledException)
            {
                // The caller went away: the host carries on with the init, as Lambda does.
            }
        }
        var last = await InvokeAndCheckAsync("broken-import", new { last = true });
        Assert.Equal("init-error", last);

        // Every REPORT written for it has its record, with the same outcome.
        var reports = host.LogLinesOf("broken-import").Where(l => l.StartsWith("REPORT RequestId: ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(reports);
        foreach (var report in reports)
        {
            var requestId = report["REPORT RequestId: ".Length..report.IndexOf('\t', StringComparison.Ordinal)];
            var record = await Poll.UntilAsync(() => host.Host.Records.Find(requestId));
            Assert.Equal(ExpectedStatus(record.Outcome), Field(report, "Status"));
        }
    }

    /// <summary>Invokes, then checks that the caller's answer, the REPORT line and the record agree; returns the record's outcome.</summary>
    private async Task<string> InvokeAndCheckAsync(string function, object payload)
    {
        using var response = await host.InvokeAsync(function, payload);
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();
        var body = await response.Content.ReadAsStringAsync();
        var functionError = response.Headers.TryGetValues("X-Amz-Function-Error", out var e) ? e.Single() : null;
        var errorType = functionError is null ? null : JsonDocument.Parse(body).RootElement.GetProperty("errorType").GetString();

        var report = await host.ReportLineAsync(requestId);
        var record = await Poll.UntilAsync(() => host.Host.Records.Find(requestId));

        var context = $"{function} {requestId}: answer {(int)response.StatusCode} {functionError} {errorType}; record {record.Outcome} {record.ErrorType}; {report}";
        Assert.True(ExpectedStatus(record.Outcome) == Field(report, "Status"), context);
        Assert.True(record.ErrorType == errorType, context);
        Assert.True((record.Outcome == "success") == (functionError is null), context);
        Assert.True(record.Outcome != "init-error" || Field(report, "Error Type") == errorType, context);
        Assert.True(record.Outcome switch
        {
            "timeout" => errorType == "Sandbox.Timedout",
            "crash" => errorType is "Runtime.ExitError",
            _ => true,
        }, context);
        return record.Outcome;
    }

    /// <summary>REPORT's Status for a record's outcome: none for a success or an error the function itself returned.</summary>
    private static string? ExpectedStatus(string outcome) => outcome switch
    {
        "timeout" => "timeout",
        "crash" or "start-failure" or "init-error" => "error",
        _ => null,
    };

    private static string? Field(string reportLine, string name) =>
        reportLine.Split('\t').Select(f => f.Trim()).FirstOrDefault(f => f.StartsWith(name + ": ", StringComparison.Ordinal))?[(name.Length + 2)..];
}
