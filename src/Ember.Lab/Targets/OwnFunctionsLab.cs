using Ember.Host;
using Ember.Host.Auth;
using Ember.Lab.Runner;
using Ember.Lab.Tuning;

namespace Ember.Lab.Targets;

/// <summary>
/// The lab over the user's own functions (<c>ember lab --function … --payload …</c>): the functions of
/// a SAM template served by a host of the lab's own, or the functions behind a Lambda API endpoint
/// (<c>--endpoint</c>: AWS Lambda, another <c>ember up</c>), each driven through the public Lambda API
/// by an <see cref="ApiLabTarget"/>. <see cref="RestoreAsync"/> puts the functions' configuration back.
/// </summary>
internal sealed class OwnFunctionsLab : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly List<ApiLabTarget> _targets;

    private OwnFunctionsLab(EmberHost? host, HttpClient http, List<ApiLabTarget> targets, IReadOnlyList<ReadOnlyMemory<byte>> payloads, string where)
    {
        Host = host;
        _http = http;
        _targets = targets;
        Payloads = payloads;
        Where = where;
    }

    /// <summary>The lab's own host, or null when the functions are behind <c>--endpoint</c>.</summary>
    public EmberHost? Host { get; }

    public IReadOnlyList<ILabTarget> Targets => _targets;

    /// <summary>The payload files' contents, in order: size <i>i</i> of the run is payload <i>i</i> − 1.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Payloads { get; }

    /// <summary>Where the functions run, for the report.</summary>
    public string Where { get; }

    /// <summary>
    /// Every problem with the payload files and (without an endpoint) the template and the functions it
    /// must declare, each naming what is wrong, all at once; the payloads read when there is none.
    /// </summary>
    public static IReadOnlyList<string> Check(LabOptions options, string? templatePath, out IReadOnlyList<ReadOnlyMemory<byte>> payloads,
        out IReadOnlyList<string> functionNames)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        payloads = [.. options.PayloadFiles.Select(file => FunctionInputs.ReadEvent(file, problems)).OfType<byte[]>().Select(b => (ReadOnlyMemory<byte>)b)];
        functionNames = options.Functions;
        if (options.Endpoint is not null)
        {
            // The functions live behind the endpoint: connecting to them checks their names.
            return problems;
        }
        if (templatePath is null)
        {
            problems.Add("--template: name the SAM template that declares the functions (or measure them behind --endpoint).");
            return problems;
        }
        functionNames = FunctionInputs.FunctionNames(templatePath, options.Functions, "--function", problems);
        return problems;
    }

    /// <summary>Starts the lab's host for the template's functions, or reaches the endpoint's, and connects a target to each.</summary>
    /// <exception cref="InvalidOperationException">The endpoint refused, or a function could not be read (the message says which and why).</exception>
    public static async Task<OwnFunctionsLab> StartAsync(LabOptions options, string? templatePath, IReadOnlyList<string> functionNames,
        IReadOnlyList<ReadOnlyMemory<byte>> payloads, string dataDirectory, Action<string>? output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var http = new HttpClient { Timeout = TimeSpan.FromMinutes(16) };
        EmberHost? host = null;
        try
        {
            Uri endpoint;
            AwsCredentials credentials;
            string region;
            string where;
            if (options.Endpoint is { } remote)
            {
                credentials = AwsCredentialSources.Resolve(options.Profile, Environment.GetEnvironmentVariable)
                    ?? throw new InvalidOperationException("--endpoint needs AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                        + "or name a profile of ~/.aws/credentials with --profile (for another ember up: eval \"$(./ember env)\").");
                region = AwsCredentialSources.Region(options.Region, options.Profile, remote, Environment.GetEnvironmentVariable);
                endpoint = remote;
                where = $"the Lambda API at {remote} ({region})";
            }
            else
            {
                // The lab's own host asks for signed requests, as `ember up` does, and the lab signs them.
                credentials = HostCredentials.LoadOrCreate(dataDirectory);
                host = await EmberHost.StartAsync(new HostOptions
                {
                    PythonCompat = true,
                    TemplatePath = templatePath!,
                    Port = 0,
                    DataDirectory = dataDirectory,
                    FunctionNames = functionNames.ToHashSet(StringComparer.Ordinal),
                    Credentials = credentials,
                    Output = output,
                }, cancellationToken).ConfigureAwait(false);
                endpoint = host.BaseAddress;
                region = host.Options.Region;
                where = "Ember's local host";
            }
            var targets = new List<ApiLabTarget>();
            foreach (var name in functionNames)
            {
                try
                {
                    var target = await ApiLabTarget.ConnectAsync(http, endpoint, credentials, region, name, cancellationToken).ConfigureAwait(false);
                    if (host is not null)
                    {
                        // On the lab's own host the records add what a REPORT line lacks (the memory held when init ended).
                        var records = host.Records;
                        target.Records = (id, ct) => HostLabTarget.RecordAsync(records, id, ct);
                    }
                    targets.Add(target);
                }
                catch (HttpRequestException e)
                {
                    throw new InvalidOperationException($"{name}: {endpoint} could not be reached: {e.Message}", e);
                }
            }
            return new OwnFunctionsLab(host, http, targets, payloads, where);
        }
        catch
        {
            http.Dispose();
            if (host is not null)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
    }

    /// <summary>
    /// Puts back the memory size and environment each function had before the run (behind an endpoint;
    /// the lab's own host is discarded anyway); what could not be put back, each naming its function.
    /// </summary>
    public async Task<IReadOnlyList<string>> RestoreAsync()
    {
        var failures = new List<string>();
        if (Host is not null)
        {
            return failures;
        }
        foreach (var target in _targets)
        {
            try
            {
                await target.RestoreAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                failures.Add($"{target.Name}: {e.Message}");
            }
        }
        return failures;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync().ConfigureAwait(false);
        }
    }
}
