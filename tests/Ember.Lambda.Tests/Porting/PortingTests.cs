using System.Text;
using System.Text.Json;
using Ember.Lambda.APIGatewayEvents;
using Ember.Lambda.DynamoDBEvents;
using Ember.Lambda.Handlers;
using Ember.Lambda.SQSEvents;
using Ember.Lambda.Serialization;
using Ember.Lambda.Tests.Fakes;
using Ember.Lambda.Tests.Runtime;
using PortedApp;

namespace Ember.Lambda.Tests.Porting;

/// <summary>
/// A function written against Amazon.Lambda.Core's interfaces and the AWS event types runs on
/// Ember.Lambda with only its usings changed: the events of AWS's documentation in, its responses out,
/// its log lines in the managed runtime's format.
/// </summary>
[Collection(RuntimeLoopCollection.Name)]
public sealed class PortingTests
{
    private static readonly SourceGeneratorLambdaJsonSerializer<PortedJsonContext> s_serializer = new();

    private static async Task<(string Body, string Log)> RunAsync<TIn, TOut>(Func<TIn, ILambdaContext, Task<TOut>> handler, string @event,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        await using var api = new FakeRuntimeApi();
        api.Enqueue(FakeEvent.Json("req-1", @event) with { ExtraHeaders = headers });
        await using var harness = RuntimeHarness.Start(api, new RawAsyncInvocationHandler(LambdaBootstrap.CreateHandler(handler, s_serializer)));
        var post = await api.NextPostAsync();
        return (post.BodyText, Encoding.UTF8.GetString(harness.Log.ToArray()));
    }

    [Fact]
    public async Task RestApiEvent_FromAwsDocs_IsReadAndTheResponseWrittenWithTheEventNames()
    {
        const string Event = """
            {"resource":"/items/{id}","path":"/items/42","httpMethod":"GET","headers":{"Accept":"*/*"},
             "multiValueHeaders":{"Accept":["*/*"]},"queryStringParameters":null,"multiValueQueryStringParameters":null,
             "pathParameters":{"id":"42"},"stageVariables":null,
             "requestContext":{"resourcePath":"/items/{id}","httpMethod":"GET","path":"/Prod/items/42","accountId":"123456789012",
               "stage":"Prod","requestId":"c6af9ac6","requestTimeEpoch":1583349317135,"identity":{"sourceIp":"203.0.113.7","userAgent":"curl"}},
             "body":null,"isBase64Encoded":false}
            """;

        var (body, log) = await RunAsync<APIGatewayProxyRequest, APIGatewayProxyResponse>((r, c) => Task.FromResult(new Function().GetItem(r, c)), Event);

        using var response = JsonDocument.Parse(body);
        Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("""{"id":"42","stage":"Prod"}""", response.RootElement.GetProperty("body").GetString());
        Assert.Equal("application/json", response.RootElement.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.False(response.RootElement.TryGetProperty("multiValueHeaders", out _));
        Assert.Contains("\treq-1\tinfo\tGET /items/42 from 203.0.113.7\n", log, StringComparison.Ordinal);
        Assert.DoesNotContain("not shown", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpApiAndSqsAndDynamoDbEvents_AreReadAsTheAwsLibrariesReadThem()
    {
        var (v2, _) = await RunAsync<APIGatewayHttpApiV2ProxyRequest, APIGatewayHttpApiV2ProxyResponse>((r, c) => Task.FromResult(new Function().GetItemV2(r, c)),
            """{"version":"2.0","routeKey":"GET /items/{id}","rawPath":"/items/7","pathParameters":{"id":"7"},"requestContext":{"http":{"method":"GET","sourceIp":"198.51.100.1"},"timeEpoch":1}}""");
        var (sqs, sqsLog) = await RunAsync<SQSEvent, SQSBatchResponse>(new Function().HandleQueue,
            """{"Records":[{"messageId":"m1","body":"fine","eventSourceARN":"arn:aws:sqs:us-east-1:1:q"},{"messageId":"m2","body":"poison","messageAttributes":{"k":{"stringValue":"v","dataType":"String"}}}]}""");
        var (stream, _) = await RunAsync<DynamoDBEvent, string>((e, c) => Task.FromResult(new Function().HandleStream(e, c)),
            """{"Records":[{"eventID":"1","eventName":"INSERT","eventSourceARN":"arn","dynamodb":{"Keys":{"id":{"S":"a"}},"NewImage":{"id":{"S":"a"},"count":{"N":"3"}},"SequenceNumber":"111","SizeBytes":26,"StreamViewType":"NEW_IMAGE"}}]}""");

        Assert.Equal("""{"statusCode":200,"cookies":["seen=1"],"body":"7","isBase64Encoded":false}""", v2);
        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m2"}]}""", sqs);
        Assert.Contains("\twarn\tmessage m2 is poison\n", sqsLog, StringComparison.Ordinal);
        Assert.Equal("\"INSERT:a:3\"", stream);
    }

    [Fact]
    public async Task Context_IdentityAndClientContext_AreObjectsFromTheMobileHeaders()
    {
        var headers = new Dictionary<string, string>
        {
            ["Lambda-Runtime-Cognito-Identity"] = """{"cognitoIdentityId":"us-east-1:abc","cognitoIdentityPoolId":"us-east-1:pool"}""",
            ["Lambda-Runtime-Client-Context"] = """{"client":{"app_title":"Shop","installation_id":"i-1"},"custom":{"tier":"gold"},"env":{"platform":"ios"}}""",
        };

        var (body, _) = await RunAsync<string, string>((input, c) => Task.FromResult(new Function().WhoCalls(input, c)), "\"x\"", headers);
        var (anonymous, _) = await RunAsync<string, string>((input, c) => Task.FromResult(new Function().WhoCalls(input, c)), "\"x\"");

        Assert.Equal("\"fake/$LATEST/128: us-east-1:abc via Shop gold\"", body);
        Assert.Equal("\"fake/$LATEST/128: anonymous via no app \"", anonymous);
    }

    [Theory]
    [InlineData("{count} orders from {user}", "3 orders from ada")]
    [InlineData("{{literal}} and {0}", "{literal} and 3")]
    [InlineData("no placeholders", "no placeholders")]
    [InlineData("{a} {b} {c}", "3 ada {c}")]
    public void MessageTemplate_FillsPlaceholdersByPosition(string template, string expected)
    {
        Assert.Equal(expected, ILambdaLogger.Format(template, [3, "ada"]));
    }

    [Fact]
    public void Logger_HonoursTheLevelAndWritesJsonWhenAsked()
    {
        using var text = new MemoryStream();
        using var json = new MemoryStream();
        ILambdaLogger plain = new Ember.Lambda.Runtime.StdoutLogger(text) { MinimumLevel = LogLevel.Warning, RequestId = "r1" };
        ILambdaLogger structured = new Ember.Lambda.Runtime.StdoutLogger(json) { Json = true, RequestId = "r2" };

        plain.LogInformation("dropped");
        plain.LogError(new InvalidOperationException("boom"), "failed {step}", "save");
        plain.Log("Critical", "down");
        structured.LogWarning("slow {ms} ms", 1200);

        var lines = Encoding.UTF8.GetString(text.ToArray());
        Assert.DoesNotContain("dropped", lines, StringComparison.Ordinal);
        Assert.Contains("\tr1\tfail\tfailed save" + Environment.NewLine + "System.InvalidOperationException: boom", lines, StringComparison.Ordinal);
        Assert.Contains("\tr1\tcrit\tdown\n", lines, StringComparison.Ordinal);
        using var record = JsonDocument.Parse(Encoding.UTF8.GetString(json.ToArray()));
        Assert.Equal(("Warning", "r2", "slow 1200 ms"),
            (record.RootElement.GetProperty("level").GetString(), record.RootElement.GetProperty("requestId").GetString(), record.RootElement.GetProperty("message").GetString()));
        Assert.Equal(LogLevel.Debug, Ember.Lambda.Runtime.StdoutLogger.LevelFrom("DEBUG"));
        Assert.Equal(LogLevel.Critical, Ember.Lambda.Runtime.StdoutLogger.LevelFrom("FATAL"));
    }
}
