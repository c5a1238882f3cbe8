using System.Text.Json;
using Xunit.Abstractions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>Event invoke configs with the real AWS CLI: retries, maximum event age and destinations, as Lambda has them.</summary>
public sealed class EventInvokeConfigTests(ControlPlaneHost host, ITestOutputHelper output) : IClassFixture<ControlPlaneHost>, IDisposable
{
    private const string SinkArn = "arn:aws:lambda:us-east-1:000000000000:function:sink";

    public void Dispose() => host.Dump(output);

    private Task CreateAsync(string name, string handler) =>
        host.AwsJsonAsync("create-function", "--function-name", name, "--runtime", "python3.12", "--handler", handler,
            "--role", "arn:aws:iam::000000000000:role/lambda", "--zip-file", "fileb://" + host.PythonZip(), "--memory-size", "1769");

    [SkippableFact]
    public async Task AlwaysFailingFunction_WithOneRetryAndAnOnFailureDestination_DeliversOneRecordAfterTwoAttempts()
    {
        // Given a function that always fails, one retry, and a destination function that logs what it gets
        await CreateAsync("failing", "handlers.fail");
        await CreateAsync("sink", "handlers.echo");
        var put = await host.AwsJsonAsync("put-function-event-invoke-config", "--function-name", "failing", "--maximum-retry-attempts", "1",
            "--destination-config", "{\"OnFailure\":{\"Destination\":\"" + SinkArn + "\"}}");
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:failing:$LATEST", put.GetProperty("FunctionArn").GetString());
        Assert.Equal(1, put.GetProperty("MaximumRetryAttempts").GetInt32());
        Assert.Equal(SinkArn, put.GetProperty("DestinationConfig").GetProperty("OnFailure").GetProperty("Destination").GetString());

        // When it is invoked asynchronously
        using var response = await host.InvokeAsync("failing", new { order = 42 }, r => r.Headers.Add("X-Amz-Invocation-Type", "Event"));
        Assert.Equal(202, (int)response.StatusCode);
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();

        // Then the destination gets one invocation record: retries exhausted after two attempts, with the event and the error
        var line = await Poll.UntilAsync(() => host.LogLinesOf("sink").FirstOrDefault(l => l.StartsWith("echo handler saw", StringComparison.Ordinal) && l.Contains(requestId, StringComparison.Ordinal)));
        var record = JsonDocument.Parse(line["echo handler saw ".Length..]).RootElement;
        Assert.Equal("1.0", record.GetProperty("version").GetString());
        var context = record.GetProperty("requestContext");
        Assert.Equal(requestId, context.GetProperty("requestId").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:failing:$LATEST", context.GetProperty("functionArn").GetString());
        Assert.Equal("RetriesExhausted", context.GetProperty("condition").GetString());
        Assert.Equal(2, context.GetProperty("approximateInvokeCount").GetInt32());
        Assert.Equal(42, record.GetProperty("requestPayload").GetProperty("order").GetInt32());
        Assert.Equal("Unhandled", record.GetProperty("responseContext").GetProperty("functionError").GetString());
        Assert.Equal("$LATEST", record.GetProperty("responseContext").GetProperty("executedVersion").GetString());
        Assert.Equal("ValueError", record.GetProperty("responsePayload").GetProperty("errorType").GetString());
        Assert.Single(host.LogLinesOf("sink"), l => l.StartsWith("echo handler saw", StringComparison.Ordinal) && l.Contains(requestId, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task PutUpdateGetListDelete_WithAwsCli_AreLambdas()
    {
        await CreateAsync("configured", "handlers.echo");

        await host.AwsJsonAsync("put-function-event-invoke-config", "--function-name", "configured", "--maximum-retry-attempts", "0");
        var updated = await host.AwsJsonAsync("update-function-event-invoke-config", "--function-name", "configured", "--maximum-event-age-in-seconds", "120",
            "--destination-config", "{\"OnSuccess\":{\"Destination\":\"" + SinkArn + "\"}}");
        var got = await host.AwsJsonAsync("get-function-event-invoke-config", "--function-name", "configured");
        var list = await host.AwsJsonAsync("list-function-event-invoke-configs", "--function-name", "configured");

        // Update keeps what it does not name; Get and List answer the same
        Assert.Equal((0, 120), (updated.GetProperty("MaximumRetryAttempts").GetInt32(), updated.GetProperty("MaximumEventAgeInSeconds").GetInt32()));
        Assert.Equal(SinkArn, got.GetProperty("DestinationConfig").GetProperty("OnSuccess").GetProperty("Destination").GetString());
        Assert.Equal(120, Assert.Single(list.GetProperty("FunctionEventInvokeConfigs").EnumerateArray()).GetProperty("MaximumEventAgeInSeconds").GetInt32());

        await host.AwsAsync("delete-function-event-invoke-config", "--function-name", "configured");
        var (code, _, stderr) = await host.AwsAsync("get-function-event-invoke-config", "--function-name", "configured");
        Assert.NotEqual(0, code);
        Assert.Contains("ResourceNotFoundException", stderr);
        Assert.Contains("doesn't have an EventInvokeConfig", stderr);
    }

    [SkippableFact]
    public async Task Refusals_NameWhatIsWrong()
    {
        await CreateAsync("refusing", "handlers.echo");

        // A destination this host cannot deliver to, a dead-letter queue, and limits Lambda enforces
        var (sqsCode, _, sqs) = await host.AwsAsync("put-function-event-invoke-config", "--function-name", "refusing",
            "--destination-config", """{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:000000000000:failed"}}""");
        var (dlqCode, _, dlq) = await host.AwsAsync("update-function-configuration", "--function-name", "refusing",
            "--dead-letter-config", "TargetArn=arn:aws:sqs:us-east-1:000000000000:dlq");
        using var tooMany = await host.Http.PutAsync($"{host.Endpoint}/2019-09-25/functions/refusing/event-invoke-config",
            new StringContent("""{"MaximumRetryAttempts":3,"MaximumEventAgeInSeconds":30}""", System.Text.Encoding.UTF8, "application/json"));
        var tooManyBody = await tooMany.Content.ReadAsStringAsync();
        using var missing = await host.Http.GetAsync($"{host.Endpoint}/2019-09-25/functions/nobody/event-invoke-config");

        Assert.NotEqual(0, sqsCode);
        Assert.Contains("InvalidParameterValueException", sqs);
        Assert.Contains("SQS", sqs);
        Assert.NotEqual(0, dlqCode);
        Assert.Contains("InvalidParameterValueException", dlq);
        Assert.Contains("OnFailure destination", dlq);
        Assert.True(400 == (int)tooMany.StatusCode, $"{(int)tooMany.StatusCode}: {tooManyBody}");
        Assert.Contains("2 validation errors detected", tooManyBody);
        Assert.Contains("maximumRetryAttempts", tooManyBody);
        Assert.Contains("maximumEventAgeInSeconds", tooManyBody);
        Assert.Equal(404, (int)missing.StatusCode);
    }
}
