namespace Ember.Lab.Load;

/// <summary>
/// What to send. Closed loop (the default, as <c>hey -n N -c C</c>): <see cref="Concurrency"/> workers send
/// <see cref="Requests"/> requests in all, each sending its next when the last one answers. Open loop
/// (<see cref="RatePerSecond"/> set): requests start on a fixed schedule whatever the server does, and
/// latency counts from the scheduled time, so a stalled server cannot hide its queue (no coordinated omission).
/// </summary>
internal sealed record LoadOptions
{
    public required Uri Url { get; init; }

    public HttpMethod Method { get; init; } = HttpMethod.Post;

    public ReadOnlyMemory<byte> Body { get; init; }

    public string ContentType { get; init; } = "application/json";

    public int Requests { get; init; } = 200;

    public int Concurrency { get; init; } = 20;

    public double? RatePerSecond { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Called on each request once its body is set, to add what the target needs (the Invoke API's
    /// <c>X-Amz-Log-Type</c> and a SigV4 signature); nothing when null.
    /// </summary>
    public Action<HttpRequestMessage, ReadOnlyMemory<byte>>? Prepare { get; init; }

    /// <summary>Every problem with these options, each naming the option, or none.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"url: '{Url}' is not an absolute http or https URL.");
        }

        if (Requests < 1)
        {
            errors.Add($"-n: the number of requests must be at least 1 (got {Requests}).");
        }

        if (Concurrency < 1)
        {
            errors.Add($"-c: the concurrency must be at least 1 (got {Concurrency}).");
        }

        if (Concurrency > Requests && Requests >= 1)
        {
            errors.Add($"-c: the concurrency ({Concurrency}) cannot exceed the number of requests ({Requests}).");
        }

        if (RatePerSecond is { } rate && (!double.IsFinite(rate) || rate <= 0))
        {
            errors.Add($"--rate: the rate must be a positive number of requests per second (got {rate}).");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add("--timeout: the timeout must be positive.");
        }

        return errors;
    }
}
