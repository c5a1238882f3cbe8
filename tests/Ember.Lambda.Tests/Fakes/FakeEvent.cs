namespace Ember.Lambda.Tests.Fakes;

/// <summary>What the fake answers to one <c>/next</c>: status, headers and body.</summary>
internal sealed record FakeEvent(string RequestId, string Body, long DeadlineUnixMs, IReadOnlyDictionary<string, string>? ExtraHeaders = null, int Status = 200)
{
    public static FakeEvent Json(string requestId, string body, TimeSpan? timeout = null) =>
        new(requestId, body, DateTimeOffset.UtcNow.Add(timeout ?? TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds());
}
