namespace Ember.Lambda.Tests.Fakes;

/// <summary>One request the fake Runtime API received, as it came off the wire.</summary>
internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, int ConnectionNumber)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
