using System.Text.Json;
using Ember.Lab.Payloads;

namespace Ember.Telemetry.Tests;

public sealed class PayloadGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_SameBytes()
    {
        Assert.Equal(new PayloadGenerator(3).Generate(500), new PayloadGenerator(3).Generate(500));
    }

    [Fact]
    public void Generate_OtherSeed_OtherBytes()
    {
        Assert.NotEqual(new PayloadGenerator(3).Generate(500), new PayloadGenerator(4).Generate(500));
    }

    [Theory]
    [InlineData(100, 8_000)]
    [InlineData(20_000, 1_600_000)]
    public void Generate_ReferenceSize_IsNearTheReferenceBytes(int events, int referenceBytes)
    {
        int length = new PayloadGenerator().Generate(events).Length;

        Assert.InRange(length, referenceBytes * 0.9, referenceBytes * 1.1);
    }

    [Fact]
    public void Generate_Events_FollowTheReferenceDistribution()
    {
        using JsonDocument document = JsonDocument.Parse(new PayloadGenerator().Generate(2_000));
        string[] endpoints = ["/login", "/search", "/checkout", "/profile", "/feed", "/ping"];
        int[] statuses = [200, 201, 400, 401, 403, 500];
        long durationSum = 0;
        foreach (JsonElement item in document.RootElement.EnumerateArray())
        {
            Assert.Contains(item.GetProperty("endpoint").GetString(), endpoints);
            Assert.Contains(item.GetProperty("status").GetInt32(), statuses);
            long duration = item.GetProperty("duration_ms").GetInt64();
            Assert.True(duration >= 0);
            durationSum += duration;
            Assert.Matches("^u_[a-z0-9]{8}$", item.GetProperty("user_id").GetString());
        }
        // Exp(mean 120) floored, plus uniform 0..30: a mean near 120 - 0.5 + 15.
        Assert.InRange(durationSum / 2_000.0, 120, 150);
    }
}
