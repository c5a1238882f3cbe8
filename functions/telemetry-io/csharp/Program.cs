using System.Buffers;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ember.Lambda;
using Telemetry.Core;

// The I/O-bound variant: the item is id = the invocation's request id, runtime, total_events,
// unique_users, p95_duration_ms (numbers as DynamoDB numbers), in the table TABLE_NAME. The SDK
// reads credentials, region and AWS_ENDPOINT_URL_DYNAMODB (Ember's local DynamoDB) from the
// environment. One client per environment, made in init, as Lambda's guidance has it.
var table = Environment.GetEnvironmentVariable("TABLE_NAME") is { Length: > 0 } name ? name : "TelemetryAggregates";
using var dynamoDb = new AmazonDynamoDBClient();

await LambdaBootstrap.RunAsync(async (input, output, context) =>
{
    var status = TelemetryAggregator.Handle(input.Span, output, out var summary);
    if (status != 200)
    {
        return;
    }
    await dynamoDb.PutItemAsync(new PutItemRequest
    {
        TableName = table,
        Item = new Dictionary<string, AttributeValue>
        {
            ["id"] = new() { S = context.AwsRequestId },
            ["runtime"] = new() { S = "csharp" },
            ["total_events"] = new() { N = summary.TotalEvents.ToString(CultureInfo.InvariantCulture) },
            ["unique_users"] = new() { N = summary.UniqueUsers.ToString(CultureInfo.InvariantCulture) },
            ["p95_duration_ms"] = new() { N = summary.P95DurationMs.ToString(CultureInfo.InvariantCulture) },
        },
    }).ConfigureAwait(false);
});
