namespace Ember.Lab.Runner;

/// <summary>
/// One deployed function the lab measures: what the lab needs from the host and its control plane, and
/// nothing more. The orchestrator implements it over <c>ember up</c>; tests fake it with a loopback server.
/// </summary>
internal interface ILabTarget
{
    /// <summary>Short stable name used in files and on the command line: <c>csharp-aot</c>, <c>go</c>, <c>python</c>.</summary>
    string Name { get; }

    /// <summary>Human label for tables and charts: <c>C# (Native AOT)</c>.</summary>
    string RuntimeLabel { get; }

    /// <summary>The function URL the lab sends its requests to.</summary>
    Uri FunctionUrl { get; }

    /// <summary>Size of the deployment package (the zip Lambda is given, its CodeSize) in bytes, when known.</summary>
    long? PackageSizeBytes { get; }

    /// <summary>The code's size unzipped, in bytes, when known (what counts against Lambda's 250 MB limit).</summary>
    long? UnzippedSizeBytes => null;

    /// <summary>False for a remote URL the lab can only load (no control plane): the cold phase skips it.</summary>
    bool CanForceColdStart { get; }

    /// <summary>Sets the function's memory size (CPU follows memory); the next invoke is a cold start.</summary>
    Task SetMemoryAsync(int memoryMb, CancellationToken cancellationToken);

    /// <summary>
    /// Retires the function's execution environments, as Lambda users do by changing an environment variable,
    /// and returns once the change is in effect, so the next invoke is a cold start.
    /// </summary>
    Task ForceColdStartAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The REPORT figures of the invocation with this request id, or null when the host has none. The host may
    /// write a REPORT just after the response; an implementation should wait briefly for it (poll with a deadline).
    /// </summary>
    Task<ServerReport?> GetReportAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds what each request to <see cref="FunctionUrl"/> needs beyond its body (for the Invoke API:
    /// <c>X-Amz-Log-Type: Tail</c>, whose REPORT line the lab then reads, and a SigV4 signature).
    /// </summary>
    void Prepare(HttpRequestMessage request, ReadOnlyMemory<byte> body)
    {
    }

    /// <summary>Sets (or, with null, removes) the function's reserved concurrency, as PutFunctionConcurrency does.</summary>
    Task SetReservedConcurrencyAsync(int? reserved, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Name}: the lab cannot set this target's reserved concurrency.");
}
