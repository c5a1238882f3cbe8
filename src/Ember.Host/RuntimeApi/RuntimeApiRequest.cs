namespace Ember.Host.RuntimeApi;

/// <summary>One request a function process made to its Runtime API.</summary>
internal sealed class RuntimeApiRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required Dictionary<string, string> Headers { get; init; }
    public byte[] Body { get; set; } = [];

    /// <summary>Trailers of a chunked body (streamed responses report mid-stream errors there).</summary>
    public Dictionary<string, string>? Trailers { get; set; }

    /// <summary>
    /// A streamed response's body as it arrives (Lambda-Runtime-Function-Response-Mode: streaming, chunked), instead of
    /// <see cref="Body"/>; <see cref="Trailers"/> are set once it has ended.
    /// </summary>
    public System.IO.Pipelines.PipeReader? BodyReader { get; set; }

    /// <summary>The server's reading of a streamed body into <see cref="BodyReader"/>: false when the body was cut off or malformed.</summary>
    internal Task<bool>? Pumping { get; set; }

    /// <summary>True when the body exceeded the size limit and was not kept.</summary>
    public bool BodyTooLarge { get; set; }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : Trailers?.GetValueOrDefault(name);
}
