using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ember.Host;
using Ember.Lab.Runner;

namespace Ember.Lab.Targets;

/// <summary>
/// A function served by the embedded host, driven as a Lambda user drives one: cold starts are forced
/// through the control-plane API (change an environment variable, wait for LastUpdateStatus Successful),
/// and REPORT figures are read from the host's own invocation records, matched by request id.
/// </summary>
internal sealed class HostLabTarget : ILabTarget
{
    private static readonly TimeSpan s_reportDeadline = TimeSpan.FromSeconds(10);

    private readonly EmberHost _host;
    private readonly HttpClient _controlPlane;
    private readonly string _functionName;
    private int _generation;

    public HostLabTarget(EmberHost host, HttpClient controlPlane, TelemetryRuntime runtime)
    {
        _host = host;
        _controlPlane = controlPlane;
        _functionName = runtime.FunctionName;
        Name = runtime.Name;
        RuntimeLabel = runtime.Label;
        FunctionUrl = new Uri(host.FunctionUrl(runtime.FunctionName));
        PackageSizeBytes = host.Functions.TryGet(runtime.FunctionName, out var function) ? function.Configuration.CodeSizeBytes : null;
    }

    public string Name { get; }
    public string RuntimeLabel { get; }
    public Uri FunctionUrl { get; }
    public long? PackageSizeBytes { get; }
    public bool CanForceColdStart => true;

    private string ConfigurationUrl => $"{_host.BaseAddress}2015-03-31/functions/{_functionName}/configuration";

    public Task SetMemoryAsync(int memoryMb, CancellationToken cancellationToken) =>
        UpdateAsync(new JsonObject { ["MemorySize"] = memoryMb }, cancellationToken);

    public async Task ForceColdStartAsync(CancellationToken cancellationToken)
    {
        // As the published method does: change an environment variable, which retires the environments.
        var current = await _controlPlane.GetFromJsonAsync<JsonObject>(ConfigurationUrl, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{_functionName}: the control plane returned no configuration");
        var variables = current["Environment"]?["Variables"]?.AsObject().DeepClone().AsObject() ?? [];
        variables["EMBER_LAB_COLD_START"] = (++_generation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await UpdateAsync(new JsonObject { ["Environment"] = new JsonObject { ["Variables"] = variables } }, cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateAsync(JsonObject change, CancellationToken cancellationToken)
    {
        using var response = await _controlPlane.PutAsJsonAsync(ConfigurationUrl, change, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{_functionName}: UpdateFunctionConfiguration answered {(int)response.StatusCode}: "
                + await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        // Wait as `aws lambda wait function-updated` does.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var configuration = await _controlPlane.GetFromJsonAsync<JsonElement>(ConfigurationUrl, cancellationToken).ConfigureAwait(false);
            var status = configuration.TryGetProperty("LastUpdateStatus", out var s) ? s.GetString() : "Successful";
            if (status == "Successful")
            {
                return;
            }
            if (status == "Failed" || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{_functionName}: the update ended {status}: {configuration}");
            }
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ServerReport?> GetReportAsync(string requestId, CancellationToken cancellationToken) =>
        await _host.Records.WhenWrittenAsync(requestId, s_reportDeadline, cancellationToken).ConfigureAwait(false) is { } r
            ? new ServerReport(r.RequestId, r.DurationMs, r.BilledDurationMs, r.MemorySizeMb, r.MaxMemoryUsedMb, r.InitDurationMs)
            : null;
}
