namespace Ember.Lambda.Tests.Fakes;

/// <summary>One request the fake Runtime API received, as it came off the wire.</summary>
internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, int ConnectionNumber)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>A chunked request's chunks, each as sent; null for a Content-Length body.</summary>
    public IReadOnlyList<byte[]>? Chunks { get; init; }

    /// <summary>A chunked request's trailers; null for a Content-Length body.</summary>
    public IReadOnlyDictionary<string, string>? Trailers { get; init; }
}
