using System.Text.Json;
using Ember.Lab.Payloads;

namespace Ember.Lab.Tests.Payloads;

public sealed class TelemetryPayloadGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_SameBytes_DifferentSeed_DifferentBytes()
    {
        Assert.Equal(TelemetryPayloadGenerator.Generate(50, seed: 1), TelemetryPayloadGenerator.Generate(50, seed: 1));
        Assert.NotEqual(TelemetryPayloadGenerator.Generate(50, seed: 1), TelemetryPayloadGenerator.Generate(50, seed: 2));
    }

    [Fact]
    public void Generate_ThousandEvents_HasTheReferenceShapeAndSize()
    {
        // When 1,000 events are generated
        var bytes = TelemetryPayloadGenerator.Generate(1_000);
        using var document = JsonDocument.Parse(bytes);

        // Then there are 1,000 objects of the reference vocabulary, about 82 KB as in the reference experiment
        Assert.Equal(1_000, document.RootElement.GetArrayLength());
        string[] endpoints = ["/login", "/search", "/checkout", "/profile", "/feed", "/ping"];
        int[] statuses = [200, 201, 400, 401, 403, 500];
        foreach (var element in document.RootElement.EnumerateArray())
        {
            Assert.Contains(element.GetProperty("endpoint").GetString(), endpoints);
            Assert.Contains(element.GetProperty("status").GetInt32(), statuses);
            Assert.True(element.GetProperty("duration_ms").GetInt64() >= 0);
            Assert.Matches("^u_[a-z0-9]{8}$", element.GetProperty("user_id").GetString());
        }

        Assert.InRange(bytes.Length, 70_000, 95_000);
        Assert.Equal("[]"u8.ToArray(), TelemetryPayloadGenerator.Generate(0));
    }
}
