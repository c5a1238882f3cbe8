using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>The functions of Functions/dynamo.yaml, with the local DynamoDB server on a free port.</summary>
public sealed class DynamoHost : HostFixture
{
    private protected override HostOptions Configure(HostOptions options) =>
        options with { TemplatePath = Path.Combine(FunctionsDirectory, "dynamo.yaml"), DynamoDbPort = 0 };
}

/// <summary>A template's tables are served by a real local DynamoDB API that functions reach, and kept across restarts.</summary>
public sealed class DynamoDbTests(DynamoHost host, ITestOutputHelper output) : IClassFixture<DynamoHost>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [SkippableFact]
    public async Task Tables_AreCreatedWithTheirKeys_AndFunctionsGetTheEndpointAndNames()
    {
        Requires.Tool("node", "apt-get install -y nodejs npm");
        var dynamoDb = host.Host.DynamoDb!;
        using var client = dynamoDb.Client("us-east-1");

        var notes = (await client.DescribeTableAsync("ember-test-notes")).Table;
        var events = (await client.DescribeTableAsync("Events")).Table;
        var echo = await host.InvokeJsonAsync("writer", new { note = "hello" });

        Assert.Equal([("id", "HASH")], notes.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
        Assert.Equal([("device", "HASH"), ("at", "RANGE")], events.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
        Assert.Equal("N", events.AttributeDefinitions.Single(a => a.AttributeName == "at").AttributeType.Value);
        Assert.Equal(200, echo.GetProperty("status").GetInt32());
        var item = (await client.GetItemAsync("ember-test-notes", new() { ["id"] = new AttributeValue { S = echo.GetProperty("id").GetString() } })).Item;
        Assert.Equal("hello", item["note"].S);
    }

    [SkippableFact]
    public async Task Items_SurviveAHostRestart()
    {
        Requires.Tool("node", "apt-get install -y nodejs npm");
        var id = Guid.NewGuid().ToString();
        using (var client = host.Host.DynamoDb!.Client("us-east-1"))
        {
            await client.PutItemAsync("ember-test-notes", new() { ["id"] = new AttributeValue { S = id }, ["kept"] = new AttributeValue { BOOL = true } });
        }

        await host.RestartAsync();

        using var after = host.Host.DynamoDb!.Client("us-east-1");
        var item = (await after.GetItemAsync("ember-test-notes", new() { ["id"] = new AttributeValue { S = id } })).Item;
        Assert.True(item["kept"].BOOL);
    }

    [SkippableFact]
    public async Task AServerLeftByAKilledHost_IsStoppedByTheNextOnTheSameDataDirectory()
    {
        Requires.Tool("node", "apt-get install -y nodejs npm");
        using var data = new TempDirectory("ember-dynamo-leftover-");
        Ember.Host.Templates.TemplateTable[] tables = [new("T", "leftover", [new("id", "HASH", "S")])];

        // A server whose host never stopped it (as after kill -9 of the host)
        var first = await Ember.Host.DynamoDb.LocalDynamoDb.StartAsync(tables, data.Path, 0, "us-east-1", _ => { }, CancellationToken.None);
        var leftover = int.Parse(File.ReadAllText(Path.Combine(data.Path, "dynamodb.pid")).Split(' ')[0]);

        await using var second = await Ember.Host.DynamoDb.LocalDynamoDb.StartAsync(tables, data.Path, 0, "us-east-1", _ => { }, CancellationToken.None);

        Assert.True(Poll.Until(() => !File.Exists($"/proc/{leftover}/cmdline") || File.ReadAllText($"/proc/{leftover}/stat").Contains(") Z ", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10)), "the leftover server still runs");
        using var client = second.Client("us-east-1");
        Assert.Contains("leftover", (await client.ListTablesAsync()).TableNames);
        await first.DisposeAsync();
    }
}
