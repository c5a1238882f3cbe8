using System.Text.Json;
using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>Execution environments on the real host: cold and warm, timeouts, crashes, isolation, scale-out.</summary>
public sealed class EnvironmentTests(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [Fact]
    public async Task Invoke_FirstThenSecond_ColdThenWarmInSameProcess()
    {
        // Given a function that has not run yet (no other test invokes cold-echo)
        // When it is invoked twice in a row
        var first = await host.InvokeJsonAsync("cold-echo", new { n = 1 });
        var second = await host.InvokeJsonAsync("cold-echo", new { n = 2 });

        // Then the second reuses the first's environment, and only the first REPORT has Init Duration
        Assert.Equal(first.GetProperty("pid").GetInt32(), second.GetProperty("pid").GetInt32());
        var coldReport = await host.ReportLineAsync(first.GetProperty("requestId").GetString()!);
        var warmReport = await host.ReportLineAsync(second.GetProperty("requestId").GetString()!);
        Assert.Contains("\tInit Duration: ", coldReport);
        Assert.DoesNotContain("Init Duration", warmReport);
        Assert.Matches(@"REPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 1769 MB\tMax Memory Used: \d+ MB", warmReport);
        Assert.DoesNotContain("Max Memory Used: 1769 MB", warmReport);
    }

    [Fact]
    public async Task Invoke_Echo_SetsLambdaEnvironmentAndContext()
    {
        var result = await host.InvokeJsonAsync("echo", new { name = "x" });
        var env = result.GetProperty("env");
        Assert.Equal("echo", env.GetProperty("AWS_LAMBDA_FUNCTION_NAME").GetString());
        Assert.Equal("1769", env.GetProperty("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").GetString());
        Assert.Equal("$LATEST", env.GetProperty("AWS_LAMBDA_FUNCTION_VERSION").GetString());
        Assert.Equal("on-demand", env.GetProperty("AWS_LAMBDA_INITIALIZATION_TYPE").GetString());
        Assert.Equal("/aws/lambda/echo", env.GetProperty("AWS_LAMBDA_LOG_GROUP_NAME").GetString());
        Assert.Equal("handlers.echo", env.GetProperty("_HANDLER").GetString());
        Assert.Equal(":UTC", env.GetProperty("TZ").GetString());
        Assert.Equal("us-east-1", env.GetProperty("AWS_REGION").GetString());
        Assert.Equal("from-globals", env.GetProperty("GLOBAL_VAR").GetString());
        Assert.Equal("us-east-1-own", env.GetProperty("OWN_VAR").GetString());
        Assert.Matches(@"^127\.0\.0\.1:\d+$", env.GetProperty("AWS_LAMBDA_RUNTIME_API").GetString());
        Assert.StartsWith("Root=1-", env.GetProperty("_X_AMZN_TRACE_ID").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:echo", result.GetProperty("arn").GetString());
        Assert.InRange(result.GetProperty("remaining").GetInt32(), 1, 10_000);
        Assert.Equal("x", result.GetProperty("event").GetProperty("name").GetString());
    }

    [SkippableFact]
    public async Task Environment_RunsAsItsOwnUnprivilegedUser_AndReadsNothingOfTheHostsOrAnothers()
    {
        Skip.If(host.Host.Users is null, "environments run as their own users only when the host is root");
        var victim = await host.InvokeJsonAsync("victim", new { });
        string[] paths =
        [
            Path.Combine(host.DataDirectory, "invocations.db"),
            Path.Combine(host.DataDirectory, "logs", "victim.log"),
            $"/proc/{Environment.ProcessId}/environ",
            $"/proc/{victim.GetProperty("pid").GetInt32()}/environ",
            host.Host.Functions.TempRoot.Directory,
        ];

        var probe = await host.InvokeJsonAsync("probe", new { read = paths });

        var uid = probe.GetProperty("uid").GetInt32();
        Assert.True(uid >= 1_000_000_000, $"uid {uid}");
        Assert.Equal(uid, probe.GetProperty("euid").GetInt32());
        Assert.Empty(probe.GetProperty("groups").EnumerateArray());
        Assert.Equal(uid, probe.GetProperty("tmpOwner").GetInt32());
        Assert.Equal("/tmp", probe.GetProperty("tmpdir").GetString());
        Assert.Equal("/tmp", probe.GetProperty("home").GetString());
        // Unreadable (PermissionError), or not even there: the machine's /tmp is not the environment's.
        Assert.All(paths, p => Assert.NotEqual("ok", probe.GetProperty("read").GetProperty(p).GetString()));
    }

    [Fact]
    public async Task Invoke_Echo_HasItsOwnTemporaryDirectory()
    {
        var mark = "mark-" + Guid.NewGuid().ToString("N");

        var probe = await host.InvokeJsonAsync("probe", new { mark });

        // As each Lambda environment has its own /tmp: a directory of this environment's, not the
        // machine's /tmp; running as its own user, even the literal path /tmp is that directory.
        var written = Directory.GetFiles(host.Host.Functions.TempRoot.Directory, mark, SearchOption.AllDirectories);
        Assert.Single(written);
        Assert.False(File.Exists(Path.Combine("/tmp", mark)));
        Assert.Equal(host.Host.Users is null ? Path.GetDirectoryName(written[0]) : "/tmp", probe.GetProperty("tmpdir").GetString());
    }

    [Fact]
    public async Task Invoke_PastTimeout_FailsWithTaskTimedOutAndReplacesEnvironment()
    {
        using var response = await host.InvokeAsync("sleepy", new { seconds = 30 });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Contains("Task timed out after 3.00 seconds", body);
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();
        var report = await host.ReportLineAsync(requestId);
        Assert.Contains("Status: timeout", report);

        // The next invocation gets a fresh environment: a cold start that finishes in time.
        using var next = await host.InvokeAsync("sleepy", new { seconds = 0 });
        Assert.False(next.Headers.Contains("X-Amz-Function-Error"), await next.Content.ReadAsStringAsync());
        Assert.Contains("Init Duration", await host.ReportLineAsync(next.Headers.GetValues("x-amzn-RequestId").Single()));
    }

    [Fact]
    public async Task Invoke_ProcessExits_FailsWithExitErrorThenRecovers()
    {
        using var response = await host.InvokeAsync("crash", new { code = 3 });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("Runtime.ExitError", body.GetProperty("errorType").GetString());
        Assert.EndsWith("Error: Runtime exited with error: exit status 3", body.GetProperty("errorMessage").GetString());
        Assert.Contains(host.LogLines, l => l.Contains("about to exit"));

        // The function's log says so between START and END, as Lambda's does
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();
        await host.ReportLineAsync(requestId);
        var log = host.LogLinesOf("crash").ToList();
        var start = log.FindIndex(l => l.StartsWith($"START RequestId: {requestId}", StringComparison.Ordinal));
        var end = log.FindIndex(l => l.StartsWith($"END RequestId: {requestId}", StringComparison.Ordinal));
        var crash = log.FindIndex(l => l == $"RequestId: {requestId} Error: Runtime exited with error: exit status 3");
        Assert.InRange(crash, start + 1, end - 2);
        Assert.InRange(log.FindIndex(crash, l => l == "Runtime.ExitError"), crash + 1, end - 1);

        // The host's own log has one event for it, naming the function, the environment, the exit status and the request id
        // (written as the crash completes the invocation, so it may come a moment after the REPORT line)
        var crashed = await Poll.UntilAsync(() => host.Events.All.SingleOrDefault(e => e.EventId == 1004 && e.Message.Contains(requestId, StringComparison.Ordinal)));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, crashed.Level);
        Assert.Matches(@"^crash [0-9a-f]{32}: the runtime exited \(exit status 3\) during invocation ", crashed.Message);
        // and, at Debug, each transition of the crashed environment
        var environment = crashed.Message.Split(' ')[1].TrimEnd(':');
        string[] transitions = ["Created -> Initializing", "Initializing -> Idle", "Idle -> Busy", "Busy -> Retired"];
        string[] Seen() => [.. host.Events.All.Where(e => e.EventId == 1001 && e.Message.Contains(environment, StringComparison.Ordinal)).Select(e => e.Message.Split(": ")[1])];
        await Poll.UntilAsync(() => Seen().Length >= transitions.Length);
        Assert.Equal(transitions, Seen());

        // The crashed environment is gone; the next invocation starts a new one and succeeds until it crashes again.
        using var again = await host.InvokeAsync("crash", new { code = 4 });
        var againBody = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.EndsWith("exit status 4", againBody.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Invoke_HandlerThrows_ReturnsErrorBodyWithUnhandled()
    {
        using var response = await host.InvokeAsync("fail");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("ValueError", body.GetProperty("errorType").GetString());
        Assert.Equal("asked to fail", body.GetProperty("errorMessage").GetString());
        Assert.True(body.GetProperty("stackTrace").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Invoke_ModuleFailsAtImport_ReportsInitErrorAndDoesNotHang()
    {
        using var response = await host.InvokeAsync("broken-import");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Contains("fails at import on purpose", body.GetProperty("errorMessage").GetString());
        // As Lambda's runtime client reports it: the exception's class, a trace without the runtime's own frames.
        Assert.Equal("RuntimeError", body.GetProperty("errorType").GetString());
        Assert.DoesNotContain(body.GetProperty("stackTrace").EnumerateArray(), f => f.GetString()!.Contains("bootstrap.py", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_ModuleFailsAtImport_RetriesInitWithinTheInvocationAndBillsThatOnce()
    {
        using var response = await host.InvokeAsync("broken-import");
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // The retried init's time is the invocation's Duration, billed once: no Init Duration beside it. The payload's requestId is empty, as Lambda's Python runtime client
        // writes an init error (make_error with no invoke id).
        var report = await host.ReportLineAsync(requestId);
        var fields = report.Split('\t').ToDictionary(f => f.Split(": ")[0].Trim(), f => f.Split(": ", 2).ElementAtOrDefault(1)?.Trim());
        var duration = double.Parse(fields["Duration"]!.Replace(" ms", ""), System.Globalization.CultureInfo.InvariantCulture);
        var billed = int.Parse(fields["Billed Duration"]!.Replace(" ms", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((int)Math.Ceiling(duration), billed);
        Assert.False(fields.ContainsKey("Init Duration"), report);
        Assert.Equal("error", fields["Status"]);
        Assert.Equal("", body.GetProperty("requestId").GetString());
        // Lambda logs the failed init, then runs init again within the invocation; that one's time is the Duration.
        var log = host.LogLinesOf("broken-import");
        Assert.Contains(log, l => l.StartsWith("INIT_REPORT Init Duration: ", StringComparison.Ordinal) && l.Contains("\tPhase: init\tStatus: error", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("INIT_REPORT Init Duration: ", StringComparison.Ordinal) && l.Contains("\tPhase: invoke\tStatus: error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_InitExitsLeavingChildHoldingStdout_FailsWithExitErrorNotA500()
    {
        using var response = await host.InvokeAsync("orphan");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Runtime.ExitError", body.GetProperty("errorType").GetString());
        Assert.EndsWith("exit status 3", body.GetProperty("errorMessage").GetString());

        // Retiring the environment kills what it left behind, although that child still held the output pipe.
        await Poll.UntilAsync(() => !Directory.EnumerateDirectories("/proc").Any(IsOrphanSleep), TimeSpan.FromSeconds(10));
    }

    private static bool IsOrphanSleep(string procDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procDirectory, "cmdline")).Replace('\0', ' ').Trim() == "sleep 31.7";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Invoke_BootstrapCannotExec_FailsClearlyWithoutHanging()
    {
        using var response = await host.InvokeAsync("bad-exec");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("Runtime.InvalidEntrypoint", body.GetProperty("errorType").GetString());
        Assert.Contains("bootstrap", body.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task RuntimeApi_AnswerWithAnotherEnvironmentsRequestId_IsRefusedAndOwnerUnaffected()
    {
        // Given an invocation held open in one environment of "gate"...
        using var temp = TempDirectory.SharedWithFunctions("ember-gate-");
        var started = temp.Path;
        var release = temp.File("release");
        var held = host.InvokeJsonAsync("gate", new { started, release });
        var heldId = await Poll.UntilAsync(() => Started(started).FirstOrDefault());

        // When a runtime in another environment answers that request id on its own Runtime API
        var thief = await host.InvokeJsonAsync("custom", new { steal = heldId });

        // Then it is refused with a 4xx, and the held invocation still gets its own answer.
        Assert.InRange(thief.GetProperty("stealStatus").GetInt32(), 400, 499);
        File.WriteAllText(release, "");
        var owner = await held;
        Assert.Equal(heldId, owner.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task RuntimeApi_AnotherEnvironmentsFunctionFindsIt_IsRefusedAndTheOwnerUnaffected()
    {
        // Given an environment of "victim", idle on /next between invocations
        var first = await host.InvokeJsonAsync("victim", new { n = 1 });

        // When a function in another environment looks for its Runtime API in /proc/<pid>/environ and on
        // every listening loopback port, and on each asks for the next invocation and answers a request id
        var raid = (await host.InvokeJsonAsync("custom", new { raid = "victim" })).GetProperty("raided");

        // Then the victim's environment variables are not readable (each environment is its own user), and
        // wherever its Runtime API is found every connection is refused; no port hands out an invocation
        var victimApi = first.GetProperty("env").GetProperty("AWS_LAMBDA_RUNTIME_API").GetString();
        var byEnviron = raid.GetProperty("environ").EnumerateArray().ToList();
        var scanned = raid.GetProperty("ports").EnumerateArray().ToList();
        if (host.Host.Users is not null)
        {
            Assert.Empty(byEnviron);
            Assert.True(raid.GetProperty("environDenied").GetInt32() > 0);
        }
        var victimByPort = Assert.Single(scanned, a => a.GetProperty("address").GetString() == victimApi);
        Assert.All(byEnviron.Append(victimByPort), a =>
        {
            Assert.Equal(403, a.GetProperty("GET").GetInt32());
            Assert.Equal(403, a.GetProperty("POST").GetInt32());
        });
        Assert.DoesNotContain(scanned, a => a.TryGetProperty("invocation", out var invocation) && invocation.GetBoolean());
        var second = await host.InvokeJsonAsync("victim", new { n = 2 });
        Assert.Equal(2, second.GetProperty("event").GetProperty("n").GetInt32());
        Assert.Equal(first.GetProperty("pid").GetInt32(), second.GetProperty("pid").GetInt32());
        Assert.Contains(host.LogLinesOf("victim"), l => l.StartsWith("ember: the Runtime API refused a connection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RuntimeApi_CustomRuntime_ReceivesLambdaHeadersAndMayAnswerChunked()
    {
        var result = await host.InvokeJsonAsync("custom", new { hello = 1 });
        var headers = result.GetProperty("headers");
        Assert.Matches("^[0-9a-f-]{36}$", headers.GetProperty("Lambda-Runtime-Aws-Request-Id").GetString());
        Assert.True(long.Parse(headers.GetProperty("Lambda-Runtime-Deadline-Ms").GetString()!) > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:custom", headers.GetProperty("Lambda-Runtime-Invoked-Function-Arn").GetString());
        Assert.Matches(@"^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$", headers.GetProperty("Lambda-Runtime-Trace-Id").GetString());

        var chunked = await host.InvokeJsonAsync("custom", new { chunked = true });
        Assert.True(chunked.GetProperty("chunked").GetBoolean());
    }

    [Fact]
    public async Task Invoke_ConcurrentBeyondReserved_ScalesOutThenThrottles()
    {
        // Given two invocations of "gate" (reserved concurrency 2) held open at once
        using var temp = TempDirectory.SharedWithFunctions("ember-gate-");
        var started = temp.Path;
        var release = temp.File("release");
        var first = host.InvokeJsonAsync("gate", new { started, release });
        var second = host.InvokeJsonAsync("gate", new { started, release });
        await Poll.UntilAsync(() => Started(started).Count == 2);

        // When a third arrives
        using var third = await host.InvokeAsync("gate", new { started, release });

        // Then it is throttled with Lambda's 429, and the two held ones ran in two environments
        Assert.Equal(429, (int)third.StatusCode);
        Assert.Equal("TooManyRequestsException", third.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.True(Guid.TryParse(third.Headers.GetValues("x-amzn-RequestId").Single(), out _), "a throttle is named by a request id too, as on Lambda");
        Assert.Equal("""{"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}""",
            await third.Content.ReadAsStringAsync());
        File.WriteAllText(release, "");
        var pids = new[] { (await first).GetProperty("pid").GetInt32(), (await second).GetProperty("pid").GetInt32() };
        Assert.Equal(2, pids.Distinct().Count());
    }

    /// <summary>The request ids of the "gate" invocations that have started, from the files they left in <paramref name="folder"/>.</summary>
    private static List<string> Started(string folder) =>
        [.. Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().Where(n => Guid.TryParse(n, out _))];
}
