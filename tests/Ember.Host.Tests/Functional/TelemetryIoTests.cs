using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Ember.Host.Tests.Functional;

/// <summary>
/// The I/O-bound telemetry variant (functions/telemetry-io): each of the three functions, with its
/// language's real AWS SDK, answers as the compute variant does and leaves its aggregate in
/// TelemetryAggregates under the invocation's request id. It builds a Native AOT function with the AWS
/// SDK and a Go one, so it is in the Slow set.
/// </summary>
[Trait("Category", "Slow")]
public sealed class TelemetryIoTests
{
    private const string Events = """
        [{"endpoint":"/feed","status":200,"duration_ms":12,"user_id":"u1"},
         {"endpoint":"/feed","status":500,"duration_ms":340,"user_id":"u2"},
         {"endpoint":"/cart","status":201,"duration_ms":40,"user_id":"u1"}]
        """;

    [SkippableFact]
    public async Task EachVariant_AnswersAndStoresItsAggregateUnderItsRequestId()
    {
        Requires.Tool("node", "apt-get install -y nodejs npm");
        Requires.Tool("go", "apt-get install -y golang-go");
        Requires.That(Directory.Exists("/usr/share/gocode/src/github.com/aws/aws-sdk-go-v2/service/dynamodb")
            ? null : "aws-sdk-go-v2 is not installed (apt-get install -y golang-github-aws-aws-sdk-go-v2-dev)");
        Requires.That(File.Exists("/usr/lib/python3/dist-packages/boto3/__init__.py")
            ? null : "boto3 is not installed for the machine's python3 (apt-get install -y python3-boto3)");
        using var data = new TempDirectory("ember-telemetry-io-");
        await using var host = await EmberHost.StartAsync(new HostOptions
        {
            PythonCompat = true,
            TemplatePath = Path.Combine(RepositoryRoot.Find(), "functions", "telemetry-io", "template.yaml"),
            Port = 0,
            DataDirectory = data.Path,
            DynamoDbPort = 0,
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        using var dynamoDb = host.DynamoDb!.Client("us-east-1");

        foreach (var runtime in new[] { "csharp", "go", "python" })
        {
            using var response = await http.PostAsync(host.FunctionUrl("telemetry-io-" + runtime), new StringContent(Events, Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{runtime}: {(int)response.StatusCode} {body}");
            Assert.StartsWith("""{"total_events":3,"unique_users":2,"p95_duration_ms":40,""", body, StringComparison.Ordinal);
            var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();

            var item = (await dynamoDb.GetItemAsync("TelemetryAggregates", new() { ["id"] = new AttributeValue { S = requestId } })).Item;

            Assert.Equal(
                [("id", requestId), ("p95_duration_ms", "40"), ("runtime", runtime), ("total_events", "3"), ("unique_users", "2")],
                item.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.S ?? p.Value.N)));
            Assert.Equal(["S", "N", "S", "N", "N"], item.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.S is not null ? "S" : "N"));
        }
    }
}
