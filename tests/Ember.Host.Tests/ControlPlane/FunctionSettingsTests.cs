using System.Text;
using System.Text.Json;
using Ember.Host.Invocations;
using Xunit.Abstractions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>
/// Recursion and runtime management configs, through HTTP as the SDKs send them (Debian's AWS CLI v2.9 predates
/// put-function-recursion-config), and recursive loop detection on a chain of destinations.
/// </summary>
public sealed class FunctionSettingsTests(ControlPlaneHost host, ITestOutputHelper output) : IClassFixture<ControlPlaneHost>, IDisposable
{
    public void Dispose() => host.Dump(output);

    private async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, host.Endpoint + path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [SkippableFact]
    public async Task RecursionConfig_DefaultsToTerminate_PutsAllowAndRefusesOthers()
    {
        await host.CreatePythonFunctionAsync("recursion");

        var (status, initial) = await SendAsync(HttpMethod.Get, "/2024-08-31/functions/recursion/recursion-config");
        var (_, put) = await SendAsync(HttpMethod.Put, "/2024-08-31/functions/recursion/recursion-config", """{"RecursiveLoop":"Allow"}""");
        var (_, after) = await SendAsync(HttpMethod.Get, "/2024-08-31/functions/recursion/recursion-config");
        var (badStatus, bad) = await SendAsync(HttpMethod.Put, "/2024-08-31/functions/recursion/recursion-config", """{"RecursiveLoop":"Sometimes"}""");
        var (missing, _) = await SendAsync(HttpMethod.Get, "/2024-08-31/functions/nobody/recursion-config");

        Assert.Equal(200, status);
        Assert.Equal("Terminate", initial.GetProperty("RecursiveLoop").GetString());
        Assert.Equal("Allow", put.GetProperty("RecursiveLoop").GetString());
        Assert.Equal("Allow", after.GetProperty("RecursiveLoop").GetString());
        Assert.Equal(400, badStatus);
        Assert.Contains("[Allow, Terminate]", bad.GetProperty("message").GetString());
        Assert.Equal(404, missing);
    }

    [SkippableFact]
    public async Task RuntimeManagementConfig_AutoByDefault_ManualNeedsAVersionArn()
    {
        await host.CreatePythonFunctionAsync("managed");

        var (_, initial) = await SendAsync(HttpMethod.Get, "/2021-07-20/functions/managed/runtime-management-config");
        var (manualStatus, _) = await SendAsync(HttpMethod.Put, "/2021-07-20/functions/managed/runtime-management-config", """{"UpdateRuntimeOn":"Manual"}""");
        var (_, pinned) = await SendAsync(HttpMethod.Put, "/2021-07-20/functions/managed/runtime-management-config",
            """{"UpdateRuntimeOn":"Manual","RuntimeVersionArn":"arn:aws:lambda:us-east-1::runtime:ember-python3.12"}""");
        var (_, after) = await SendAsync(HttpMethod.Get, "/2021-07-20/functions/managed/runtime-management-config");

        Assert.Equal("Auto", initial.GetProperty("UpdateRuntimeOn").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:managed:$LATEST", initial.GetProperty("FunctionArn").GetString());
        Assert.Equal(400, manualStatus);
        Assert.Equal("Manual", pinned.GetProperty("UpdateRuntimeOn").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1::runtime:ember-python3.12", after.GetProperty("RuntimeVersionArn").GetString());
    }

    [SkippableFact]
    public async Task DestinationBackToItself_IsStoppedAfterSixteenAsARecursiveLoop()
    {
        // Given a function whose success goes back to itself as a new Event invocation (answering small, so the records stay small)
        await host.AwsJsonAsync("create-function", "--function-name", "looping", "--runtime", "python3.12", "--handler", "handlers.plain_json",
            "--role", "arn:aws:iam::000000000000:role/lambda", "--zip-file", "fileb://" + host.PythonZip(), "--memory-size", "1769");
        await host.AwsJsonAsync("put-function-event-invoke-config", "--function-name", "looping",
            "--destination-config", """{"OnSuccess":{"Destination":"arn:aws:lambda:us-east-1:000000000000:function:looping"}}""");

        // When one event starts the loop
        using var response = await host.InvokeAsync("looping", new { start = true }, r => r.Headers.Add("X-Amz-Invocation-Type", "Event"));
        Assert.Equal(202, (int)response.StatusCode);

        // Then Lambda's recursive loop detection (Terminate, the default) stops it: 16 ran, the 17th did not
        var stopped = await Poll.UntilAsync(() => host.Host.Events.Store.List("looping").FirstOrDefault(e => e.State == EventStates.Failed));
        Assert.Equal(("RecursiveInvocationException", 16, 0), (stopped.Outcome, stopped.Depth, stopped.Attempts));
        await host.Host.Events.Store.FlushAsync();
        Assert.Equal(16, host.Host.Events.Store.List("looping").Count(e => e.State == EventStates.Succeeded));
    }
}
