using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ember.Host.Auth;
using Ember.Lab.Aws;

namespace Ember.Lab.Tuning;

/// <summary>
/// A function behind any Lambda API endpoint (AWS Lambda itself, or another `ember up`), driven through
/// the public API only, each request SigV4-signed: GetFunctionConfiguration; UpdateFunctionConfiguration,
/// then waiting on LastUpdateStatus as `aws lambda wait function-updated` does; Invoke with
/// <c>LogType: Tail</c>, whose REPORT line gives the figures.
/// </summary>
internal sealed class ApiTuneTarget(HttpClient http, Uri endpoint, AwsCredentials credentials, string region, string functionName) : ITuneTarget
{
    private static readonly TimeSpan s_updatePoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_updateDeadline = TimeSpan.FromMinutes(5);

    private readonly LambdaApiSigner _signer = new(credentials, region);

    public string FunctionName => functionName;

    public string Description => $"the Lambda API at {endpoint} ({region})";

    private string FunctionPath => "/2015-03-31/functions/" + Uri.EscapeDataString(functionName);

    public async Task<TunedFunction> GetAsync(CancellationToken cancellationToken)
    {
        var configuration = await GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (configuration["Environment"]?["Variables"] is JsonObject variables)
        {
            foreach (var (key, value) in variables)
            {
                environment[key] = value?.GetValue<string>() ?? "";
            }
        }
        return new TunedFunction(configuration["Runtime"]?.GetValue<string>() ?? "", configuration["MemorySize"]?.GetValue<int>() ?? 128, environment,
            configuration["CodeSize"]?.GetValue<long>());
    }

    public async Task UpdateAsync(int memoryMb, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var variables = new JsonObject();
        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }
        var body = new JsonObject { ["MemorySize"] = memoryMb, ["Environment"] = new JsonObject { ["Variables"] = variables } }.ToJsonString();
        var deadline = DateTime.UtcNow + s_updateDeadline;
        while (true)
        {
            using var response = await SendAsync(HttpMethod.Put, FunctionPath + "/configuration", body, null, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Conflict && DateTime.UtcNow < deadline)
            {
                // ResourceConflictException: an earlier update is still in progress.
                await Task.Delay(s_updatePoll, cancellationToken).ConfigureAwait(false);
                continue;
            }
            await EnsureSuccessAsync(response, "UpdateFunctionConfiguration", cancellationToken).ConfigureAwait(false);
            break;
        }
        // As `aws lambda wait function-updated`: the API offers no notification, only the status to read.
        while (true)
        {
            var configuration = await GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            var status = configuration["LastUpdateStatus"]?.GetValue<string>() ?? "Successful";
            if (status == "Successful")
            {
                return;
            }
            if (status == "Failed" || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{functionName}: the update ended {status}: {configuration["LastUpdateStatusReason"]}");
            }
            await Task.Delay(s_updatePoll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>PublishVersion of the current configuration; the version's number.</summary>
    public async Task<string> PublishVersionAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, FunctionPath + "/versions", "{}", null, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "PublishVersion", cancellationToken).ConfigureAwait(false);
        var published = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return published?["Version"]?.GetValue<string>() ?? throw new InvalidOperationException($"{functionName}: PublishVersion answered no Version.");
    }

    /// <summary>
    /// PutProvisionedConcurrencyConfig on a version, then waiting on GetProvisionedConcurrencyConfig
    /// until its Status is READY (the API offers no notification); FAILED, or the deadline, throws.
    /// </summary>
    public async Task ProvisionAsync(string version, int environments, CancellationToken cancellationToken)
    {
        var path = "/2019-09-30/functions/" + Uri.EscapeDataString(functionName) + "/provisioned-concurrency?Qualifier=" + Uri.EscapeDataString(version);
        using (var put = await SendAsync(HttpMethod.Put, path, new JsonObject { ["ProvisionedConcurrentExecutions"] = environments }.ToJsonString(), null, cancellationToken)
            .ConfigureAwait(false))
        {
            await EnsureSuccessAsync(put, "PutProvisionedConcurrencyConfig", cancellationToken).ConfigureAwait(false);
        }
        var deadline = DateTime.UtcNow + s_updateDeadline;
        while (true)
        {
            using var get = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(get, "GetProvisionedConcurrencyConfig", cancellationToken).ConfigureAwait(false);
            var config = JsonNode.Parse(await get.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var status = config?["Status"]?.GetValue<string>();
            if (status == "READY")
            {
                return;
            }
            if (status == "FAILED" || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{functionName}:{version}: provisioned concurrency ended {status}: {config?["StatusReason"]}");
            }
            await Task.Delay(s_updatePoll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>DeleteProvisionedConcurrencyConfig on a version.</summary>
    public async Task UnprovisionAsync(string version, CancellationToken cancellationToken)
    {
        var path = "/2019-09-30/functions/" + Uri.EscapeDataString(functionName) + "/provisioned-concurrency?Qualifier=" + Uri.EscapeDataString(version);
        using var response = await SendAsync(HttpMethod.Delete, path, null, null, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "DeleteProvisionedConcurrencyConfig", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>PutFunctionConcurrency (or DeleteFunctionConcurrency, for null).</summary>
    public async Task PutReservedConcurrencyAsync(int? reserved, CancellationToken cancellationToken)
    {
        const string path = "/2017-10-31/functions/{0}/concurrency";
        var uri = string.Format(CultureInfo.InvariantCulture, path, Uri.EscapeDataString(functionName));
        using var response = reserved is { } count
            ? await SendAsync(HttpMethod.Put, uri, new JsonObject { ["ReservedConcurrentExecutions"] = count }.ToJsonString(), null, cancellationToken).ConfigureAwait(false)
            : await SendAsync(HttpMethod.Delete, uri, null, null, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, reserved is null ? "DeleteFunctionConcurrency" : "PutFunctionConcurrency", cancellationToken).ConfigureAwait(false);
    }

    public async Task<TuneSample> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        // Not cancellable once sent: an invocation runs to its end, as on Lambda.
        using var response = await SendAsync(HttpMethod.Post, FunctionPath + "/invocations", Encoding.UTF8.GetString(payload.Span),
            [new("X-Amz-Log-Type", "Tail")], CancellationToken.None).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "Invoke", cancellationToken).ConfigureAwait(false);
        var log = response.Headers.TryGetValues("X-Amz-Log-Result", out var tail) ? Encoding.UTF8.GetString(Convert.FromBase64String(tail.Single())) : "";
        var report = log.Split('\n').LastOrDefault(l => l.StartsWith("REPORT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{functionName}: the invocation's log tail has no REPORT line.");
        string? errorType = null;
        if (response.Headers.Contains("X-Amz-Function-Error"))
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                errorType = JsonDocument.Parse(body).RootElement.TryGetProperty("errorType", out var t) ? t.GetString() : null;
            }
            catch (JsonException)
            {
                // Not an error document: the header alone says it failed.
            }
            errorType ??= "Unhandled";
        }
        return ParseReport(report, errorType);
    }

    /// <summary>The figures of a REPORT line: "REPORT RequestId: …\tDuration: 3.96 ms\tBilled Duration: 4 ms\t…".</summary>
    internal static TuneSample ParseReport(string line, string? errorType)
    {
        var fields = line.Split('\t', StringSplitOptions.TrimEntries)
            .Select(f => f.Split(": ", 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Split(' ')[0], StringComparer.Ordinal);
        double Number(string name) => fields.TryGetValue(name, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new InvalidOperationException($"the REPORT line has no {name}: {line}");
        return new TuneSample(Number("Duration"), (long)Number("Billed Duration"), (long)Number("Max Memory Used"),
            fields.ContainsKey("Init Duration") ? Number("Init Duration") : null,
            errorType ?? (fields.TryGetValue("Status", out var status) && status != "success" ? fields.GetValueOrDefault("Error Type") ?? status : null));
    }

    private async Task<JsonObject> GetConfigurationAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, FunctionPath + "/configuration", null, null, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "GetFunctionConfiguration", cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))?.AsObject()
            ?? throw new InvalidOperationException($"{functionName}: GetFunctionConfiguration answered no configuration.");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, KeyValuePair<string, string>[]? extra,
        CancellationToken cancellationToken)
    {
        var uri = new Uri(endpoint, path);
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        foreach (var (name, value) in extra ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        _signer.Sign(request, bytes);
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var t) ? t.First().Split(':')[0] : null;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException($"{functionName}: {operation} answered {(int)response.StatusCode} {type}: {body}");
    }
}
