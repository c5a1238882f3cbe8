using System.Globalization;
using Ember.Host;
using Ember.Host.Records;
using Ember.Lab.Runner;

namespace Ember.Lab.Targets;

/// <summary>
/// A function served by the embedded host, driven as a Lambda user drives one: cold starts are forced
/// by a configuration change (a new environment variable, as the published method does), which retires
/// the environments and returns once LastUpdateStatus is Successful; REPORT figures are read from the
/// host's own invocation records, matched by request id.
/// </summary>
internal sealed class HostLabTarget : ILabTarget, IProvisionableTarget
{
    private static readonly TimeSpan s_reportDeadline = TimeSpan.FromSeconds(10);

    private readonly EmberHost _host;
    private readonly string _functionName;
    private int _generation;

    public HostLabTarget(EmberHost host, TelemetryRuntime runtime)
    {
        _host = host;
        _functionName = runtime.FunctionName;
        Name = runtime.Name;
        RuntimeLabel = runtime.Label;
        FunctionUrl = new Uri(host.FunctionUrl(runtime.FunctionName));
        if (host.Functions.TryGet(runtime.FunctionName, out var function) && Directory.Exists(function.Configuration.CodeDirectory))
        {
            var package = PackageSize.Of(function.Configuration.CodeDirectory);
            PackageSizeBytes = package.ZippedBytes;
            UnzippedSizeBytes = package.UnzippedBytes;
        }
    }

    public string Name { get; }
    public string RuntimeLabel { get; }
    public Uri FunctionUrl { get; }
    public long? PackageSizeBytes { get; }
    public long? UnzippedSizeBytes { get; }
    public bool CanForceColdStart => true;

    public Uri InvokeUrl(string? qualifier) =>
        new($"{_host.BaseAddress}2015-03-31/functions/{Uri.EscapeDataString(_functionName)}/invocations"
            + (qualifier is null ? "" : "?Qualifier=" + Uri.EscapeDataString(qualifier)));

    /// <summary>The telemetry functions read a Function URL event: the body goes in one, as a Function URL would put it.</summary>
    public ReadOnlyMemory<byte> InvokePayload(ReadOnlyMemory<byte> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(body.Length + 512);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "2.0");
            json.WriteString("routeKey", "$default");
            json.WriteString("rawPath", "/");
            json.WriteString("rawQueryString", "");
            json.WriteStartObject("headers");
            json.WriteString("content-type", "application/json");
            json.WriteEndObject();
            json.WriteStartObject("requestContext");
            json.WriteStartObject("http");
            json.WriteString("method", "POST");
            json.WriteString("path", "/");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("body", System.Text.Encoding.UTF8.GetString(body.Span));
            json.WriteBoolean("isBase64Encoded", false);
            json.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }

    public Task<string> PublishAsync(CancellationToken cancellationToken) => _host.PublishVersionAsync(_functionName);

    public Task ProvisionAsync(string version, int environments, CancellationToken cancellationToken) =>
        _host.ProvisionConcurrencyAsync(_functionName, version, environments, cancellationToken);

    public Task UnprovisionAsync(string version, CancellationToken cancellationToken) =>
        _host.Control.DeleteProvisionedAsync(_functionName, version);

    public Task SetReservedConcurrencyAsync(int? reserved, CancellationToken cancellationToken) =>
        _host.Control.PutReservedConcurrencyAsync(_functionName, reserved);

    public Task SetMemoryAsync(int memoryMb, CancellationToken cancellationToken) =>
        _host.UpdateConfigurationAsync(_functionName, c => c with { MemoryMb = memoryMb }, cancellationToken);

    public Task ForceColdStartAsync(CancellationToken cancellationToken)
    {
        var generation = (++_generation).ToString(CultureInfo.InvariantCulture);
        return _host.UpdateConfigurationAsync(_functionName,
            c => c with { Environment = c.Environment.SetItem("EMBER_LAB_COLD_START", generation) }, cancellationToken);
    }

    public Task<ServerReport?> GetReportAsync(string requestId, CancellationToken cancellationToken) =>
        RecordAsync(_host.Records, requestId, cancellationToken);

    /// <summary>The host's record of one invocation as the lab reads it, once it is written.</summary>
    internal static async Task<ServerReport?> RecordAsync(InvocationStore records, string requestId, CancellationToken cancellationToken) =>
        await records.WhenWrittenAsync(requestId, s_reportDeadline, cancellationToken).ConfigureAwait(false) is { } r
            ? new ServerReport(r.RequestId, r.DurationMs, r.BilledDurationMs, r.MemorySizeMb, r.MaxMemoryUsedMb, r.InitDurationMs,
                r.InitResidentFileBytes, r.InitResidentAnonymousBytes)
            : null;
}
