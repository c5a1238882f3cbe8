using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>The Invoke API's wire behaviour: invocation types, errors with exact bodies, log tails, records, the AWS CLI.</summary>
public sealed class InvokeApiTests(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [Fact]
    public async Task Invoke_UnknownFunction_Returns404ResourceNotFound()
    {
        using var response = await host.InvokeAsync("no-such-function");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("ResourceNotFoundException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("""{"Type":"User","message":"Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("..%2F..%2Fx")]
    [InlineData("a%20b")]
    public async Task Invoke_NameThatIsNotAFunctionName_Returns400InvalidParameterValue(string escapedName)
    {
        using var response = await host.Http.PostAsync($"{host.Host.BaseAddress}2015-03-31/functions/{escapedName}/invocations", new StringContent("{}"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("InvalidParameterValueException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task GetFunctionConfiguration_TemplateFunction_HasARoleAndTheCodesSha256()
    {
        var configuration = System.Text.Json.JsonDocument.Parse(
            await host.Http.GetStringAsync($"{host.Host.BaseAddress}2015-03-31/functions/echo/configuration")).RootElement;

        // Lambda always reports both; tools compare CodeSha256 to decide whether to redeploy.
        Assert.Equal("arn:aws:iam::000000000000:role/EchoRole", configuration.GetProperty("Role").GetString());
        Assert.Equal(32, Convert.FromBase64String(configuration.GetProperty("CodeSha256").GetString()!).Length);
    }

    [Fact]
    public async Task Invoke_PayloadOver6MB_Returns413()
    {
        var payload = "\"" + new string('a', 6 * 1024 * 1024) + "\"";
        using var response = await host.InvokeAsync("echo", payload);

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal("RequestTooLargeException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("""{"Type":"User","message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invoke_5MBEvent_ReachesThePythonHandlerWholeColdAndWarm()
    {
        // Given an event of 5 MB, every position distinguishable (a chunk misplaced or lost shows)
        var text = new StringBuilder(5 * 1024 * 1024 + 16);
        for (var i = 0; text.Length < 5 * 1024 * 1024; i++)
        {
            text.Append(i).Append(',');
        }
        var payload = JsonSerializer.Serialize(text.ToString());

        // When a Python function that returns its event gets it, cold and then warm
        foreach (var start in new[] { "cold", "warm" })
        {
            using var response = await host.InvokeAsync("mirror", payload);
            var body = await response.Content.ReadAsStringAsync();

            // Then it answers the same bytes
            Assert.False(response.Headers.Contains("X-Amz-Function-Error"), $"{start}: {body[..Math.Min(body.Length, 500)]}");
            Assert.True(payload == body, $"{start}: {body.Length} bytes came back for {payload.Length}");
        }
    }

    [Fact]
    public async Task Invoke_InvalidJsonPayload_Returns400InvalidRequestContent()
    {
        using var response = await host.InvokeAsync("echo", "{not json");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("InvalidRequestContentException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.StartsWith("""{"Type":"User","message":"Could not parse request body into json""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invoke_ResponseOver6MB_FailsWithResponseSizeTooLarge()
    {
        // Given a function that returns 7 MB
        // When it is invoked synchronously
        using var response = await host.InvokeAsync("big-response");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // Then the invocation itself succeeds (200) and reports the function's failure, with the body
        // Lambda sends: its response limit is 6 MB plus 100 bytes of overhead, 6291556.
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("Function.ResponseSizeTooLarge", body.GetProperty("errorType").GetString());
        Assert.Equal("Response payload size exceeded maximum allowed payload size (6291556 bytes).", body.GetProperty("errorMessage").GetString());
        Assert.Equal(["errorMessage", "errorType"], body.EnumerateObject().Select(p => p.Name).Order().ToArray());
    }

    [Fact]
    public async Task Invoke_DryRun_Returns204WithoutRunning()
    {
        // Given a function no other test invokes
        // When it is called with DryRun, then once for real
        using var response = await host.InvokeAsync("dry-run", null, r => r.Headers.Add("X-Amz-Invocation-Type", "DryRun"));
        using var real = await host.InvokeAsync("dry-run");
        var requestId = real.Headers.GetValues("x-amzn-RequestId").Single();
        var report = await host.ReportLineAsync(requestId);

        // Then the DryRun answered 204 and ran nothing: the real call was the function's first
        // start (a cold one), its only invocation, and its only record
        Assert.Equal(204, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Init Duration", report);
        Assert.Single(host.LogLinesOf("dry-run"), l => l.StartsWith("START RequestId: ", StringComparison.Ordinal));
        await Poll.UntilAsync(() => host.Host.Records.Query("dry-run").FirstOrDefault());
        var record = Assert.Single(host.Host.Records.Query("dry-run"));
        Assert.Equal(requestId, record.RequestId);
        // and, as a cold start, its record says what the runtime held in memory when init ended
        // (the interpreter and the code it read count as file-backed, its heap as anonymous)
        Assert.True(record.InitResidentFileBytes > 0, $"file-backed {record.InitResidentFileBytes}");
        Assert.True(record.InitResidentAnonymousBytes > 0, $"anonymous {record.InitResidentAnonymousBytes}");
    }

    [Fact]
    public async Task Invoke_UnknownInvocationType_Returns400()
    {
        using var response = await host.InvokeAsync("echo", null, r => r.Headers.Add("X-Amz-Invocation-Type", "Sometimes"));
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("InvalidParameterValueException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task Invoke_Event_Returns202AndRunsTheFunction()
    {
        using var temp = TempDirectory.SharedWithFunctions("ember-event-");
        var marker = temp.File("marker");
        using var response = await host.InvokeAsync("marker", new { path = marker }, r => r.Headers.Add("X-Amz-Invocation-Type", "Event"));

        Assert.Equal(202, (int)response.StatusCode);
        await Poll.UntilAsync(() => File.Exists(marker));
    }

    [Fact]
    public async Task Invoke_LogTypeTail_ReturnsBase64LogOfThisInvocation()
    {
        using var response = await host.InvokeAsync("echo", new { tail = "yes" }, r => r.Headers.Add("X-Amz-Log-Type", "Tail"));
        var log = Encoding.UTF8.GetString(Convert.FromBase64String(response.Headers.GetValues("X-Amz-Log-Result").Single()));
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();

        var lines = log.TrimEnd('\n').Split('\n');
        Assert.Equal($"START RequestId: {requestId} Version: $LATEST", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("echo handler saw", StringComparison.Ordinal) && l.Contains("\"tail\": \"yes\""));
        Assert.Equal($"END RequestId: {requestId}", lines[^2]);
        Assert.StartsWith($"REPORT RequestId: {requestId}\tDuration: ", lines[^1]);
        Assert.Equal("$LATEST", response.Headers.GetValues("X-Amz-Executed-Version").Single());
    }

    [Fact]
    public async Task Invoke_Completed_KeepsRecordInSqlite()
    {
        using var response = await host.InvokeAsync("echo", new { record = true });
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();

        var record = await Poll.UntilAsync(() => host.Host.Records.Query("echo").FirstOrDefault(r => r.RequestId == requestId));
        Assert.Equal("success", record.Outcome);
        Assert.Equal(1769, record.MemorySizeMb);
        Assert.True(record.BilledDurationMs >= Math.Ceiling(record.DurationMs));
        Assert.True(record.MaxMemoryUsedMb > 0);
    }

    [Fact]
    public async Task GetFunctionUrlConfig_FunctionWithUrl_ReturnsItsUrl()
    {
        var response = await host.Http.GetStringAsync($"{host.Host.BaseAddress}2021-10-31/functions/url-echo/url");
        var config = JsonDocument.Parse(response).RootElement;
        Assert.Equal(host.Host.FunctionUrl("url-echo"), config.GetProperty("FunctionUrl").GetString());
        Assert.Equal("NONE", config.GetProperty("AuthType").GetString());
    }

    [SkippableFact]
    public async Task AwsCli_InvokeAndGetFunctionUrlConfig_Work()
    {
        using var temp = new TempDirectory("ember-cli-");
        var outFile = temp.File("out.json");
        // v2 reads --payload as base64 unless told otherwise, as its users do.
        var (code, stdout, stderr) = await Tools.AwsAsync(["lambda", "invoke", "--endpoint-url", host.Host.BaseAddress.ToString().TrimEnd('/'),
            "--function-name", "echo", "--cli-binary-format", "raw-in-base64-out", "--payload", """{"from":"cli"}""", outFile]);
        Assert.True(code == 0, stderr);
        Assert.Contains("\"StatusCode\": 200", stdout);
        Assert.Equal("cli", JsonDocument.Parse(File.ReadAllText(outFile)).RootElement.GetProperty("event").GetProperty("from").GetString());

        (code, stdout, stderr) = await Tools.AwsAsync(["lambda", "get-function-url-config", "--endpoint-url", host.Host.BaseAddress.ToString().TrimEnd('/'),
            "--function-name", "url-echo"]);
        Assert.True(code == 0, stderr);
        Assert.Contains(host.Host.FunctionUrl("url-echo"), stdout);
    }

    [Theory]
    [InlineData("arn:aws:lambda:eu-west-1:000000000000:function:echo")]
    [InlineData("arn:aws:lambda:us-east-1:111122223333:function:echo")]
    [InlineData("111122223333:function:echo")]
    public async Task Invoke_ArnOfAnotherRegionOrAccount_IsNotThisHostsFunction(string arn)
    {
        using var response = await host.InvokeAsync(Uri.EscapeDataString(arn), new { });

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("ResourceNotFoundException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
    }

    [Fact]
    public async Task Invoke_ClientContextOverLambdasLimit_IsRefusedWithoutRunning()
    {
        var context = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"custom\":{\"pad\":\"" + new string('x', 2_700) + "\"}}"));
        Assert.True(context.Length > 3583);

        using var response = await host.InvokeAsync("echo", new { }, r => r.Headers.Add("X-Amz-Client-Context", context));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("InvalidParameterValueException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains("3583", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
