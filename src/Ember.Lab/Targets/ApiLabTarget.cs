using System.Globalization;
using Ember.Host.Auth;
using Ember.Lab.Aws;
using Ember.Lab.Runner;
using Ember.Lab.Tuning;

namespace Ember.Lab.Targets;

/// <summary>
/// A function of the user's own, behind a Lambda API endpoint (AWS Lambda, another `ember up`, or the
/// lab's own host), driven through the public API only, every request SigV4-signed: memory sizes and
/// forced cold starts by UpdateFunctionConfiguration (a new environment variable, as the published
/// method does), waiting on LastUpdateStatus; the load by Invoke with <c>LogType: Tail</c>, whose
/// REPORT line gives the server's figures. <see cref="RestoreAsync"/> puts the configuration back.
/// </summary>
internal sealed class ApiLabTarget : ILabTarget, IProvisionableTarget
{
    private const string ColdStartVariable = "EMBER_LAB_COLD_START";

    private readonly ApiTuneTarget _api;
    private readonly LambdaApiSigner _signer;
    private readonly TunedFunction _original;
    private readonly Dictionary<string, string> _environment;
    private int _memoryMb;
    private int _generation;

    private ApiLabTarget(ApiTuneTarget api, LambdaApiSigner signer, Uri endpoint, string functionName, TunedFunction original)
    {
        _api = api;
        _signer = signer;
        _original = original;
        _environment = new Dictionary<string, string>(original.Environment, StringComparer.Ordinal);
        _memoryMb = original.MemoryMb;
        Name = functionName;
        RuntimeLabel = string.IsNullOrEmpty(original.Runtime) ? functionName : $"{functionName} ({original.Runtime})";
        FunctionUrl = new Uri(endpoint, "/2015-03-31/functions/" + Uri.EscapeDataString(functionName) + "/invocations");
        PackageSizeBytes = original.CodeSizeBytes;
    }

    /// <summary>Reads the function's configuration (which also proves the endpoint and credentials work).</summary>
    public static async Task<ApiLabTarget> ConnectAsync(HttpClient http, Uri endpoint, AwsCredentials credentials, string region, string functionName,
        CancellationToken cancellationToken)
    {
        var api = new ApiTuneTarget(http, endpoint, credentials, region, functionName);
        var original = await api.GetAsync(cancellationToken).ConfigureAwait(false);
        return new ApiLabTarget(api, new LambdaApiSigner(credentials, region), endpoint, functionName, original);
    }

    public string Name { get; }
    public string RuntimeLabel { get; }
    public Uri FunctionUrl { get; }
    public long? PackageSizeBytes { get; }
    public bool CanForceColdStart => true;

    public async Task SetMemoryAsync(int memoryMb, CancellationToken cancellationToken)
    {
        await _api.UpdateAsync(memoryMb, _environment, cancellationToken).ConfigureAwait(false);
        _memoryMb = memoryMb;
    }

    public Task ForceColdStartAsync(CancellationToken cancellationToken)
    {
        _environment[ColdStartVariable] = (++_generation).ToString(CultureInfo.InvariantCulture);
        return _api.UpdateAsync(_memoryMb, _environment, cancellationToken);
    }

    public Uri InvokeUrl(string? qualifier) =>
        qualifier is null ? FunctionUrl : new Uri(FunctionUrl + "?Qualifier=" + Uri.EscapeDataString(qualifier));

    /// <summary>The payload is the event itself: the Invoke API takes it as it is.</summary>
    public ReadOnlyMemory<byte> InvokePayload(ReadOnlyMemory<byte> body) => body;

    public Task<string> PublishAsync(CancellationToken cancellationToken) => _api.PublishVersionAsync(cancellationToken);

    public Task ProvisionAsync(string version, int environments, CancellationToken cancellationToken) =>
        _api.ProvisionAsync(version, environments, cancellationToken);

    public Task UnprovisionAsync(string version, CancellationToken cancellationToken) => _api.UnprovisionAsync(version, cancellationToken);

    public Task SetReservedConcurrencyAsync(int? reserved, CancellationToken cancellationToken) =>
        _api.PutReservedConcurrencyAsync(reserved, cancellationToken);

    /// <summary>Where the host's own records can be read, when the function runs on the lab's own host; null behind an endpoint.</summary>
    public Func<string, CancellationToken, Task<ServerReport?>>? Records { get; set; }

    /// <summary>
    /// The REPORT line comes with each answer (<see cref="Prepare"/> asks for the log tail); on the lab's own host
    /// its record has more (<see cref="Records"/>), elsewhere there is nothing more to fetch.
    /// </summary>
    public Task<ServerReport?> GetReportAsync(string requestId, CancellationToken cancellationToken) =>
        Records is { } records ? records(requestId, cancellationToken) : Task.FromResult<ServerReport?>(null);

    public void Prepare(HttpRequestMessage request, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAddWithoutValidation("X-Amz-Log-Type", "Tail");
        _signer.Sign(request, body);
    }

    /// <summary>Puts back the memory size and environment the function had before the run.</summary>
    public Task RestoreAsync() => _api.UpdateAsync(_original.MemoryMb, _original.Environment, CancellationToken.None);
}
