using System.Globalization;
using Ember.Host.Functions;
using Ember.Host.Wire;

namespace Ember.Host.ControlPlane;

/// <summary>The event invoke config operations (Put, Update, Get, List, Delete FunctionEventInvokeConfig).</summary>
internal sealed partial class ControlPlaneService
{
    /// <summary>
    /// Put replaces the qualifier's whole config; Update (<paramref name="merge"/>) changes only what it names. Returns
    /// the config in force. Destinations must be Lambda functions of this host: Ember has no SQS, SNS or EventBridge.
    /// </summary>
    public async Task<EventInvokeConfig> PutEventInvokeConfigAsync(string name, string? qualifier, int? retries, int? maxAgeSeconds,
        string? onSuccess, string? onFailure, bool merge)
    {
        var problems = new List<string>();
        if (retries is < 0 or > 2)
        {
            problems.Add($"Value '{retries}' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value {(retries < 0 ? "greater than or equal to 0" : "less than or equal to 2")}");
        }
        if (maxAgeSeconds is < 60 or > 21_600)
        {
            problems.Add($"Value '{maxAgeSeconds}' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value {(maxAgeSeconds < 60 ? "greater than or equal to 60" : "less than or equal to 21600")}");
        }
        if (problems.Count > 0)
        {
            throw ControlPlaneException.InvalidParameter($"{problems.Count} validation error{(problems.Count == 1 ? "" : "s")} detected: {string.Join("; ", problems)}");
        }
        CheckDestination(onSuccess, "OnSuccess");
        CheckDestination(onFailure, "OnFailure");
        var key = QualifierOf(Find(name), name, qualifier);
        EventInvokeConfig? config = null;
        await ChangeAsync(name, function =>
        {
            var old = function.EventInvokeConfigs.GetValueOrDefault(key);
            if (merge && old is null)
            {
                throw ControlPlaneException.NotFound($"The function {HostIdentity.FunctionArn(Region, name, key)} doesn't have an EventInvokeConfig");
            }
            config = merge
                ? new EventInvokeConfig(retries ?? old!.MaximumRetryAttempts, maxAgeSeconds ?? old!.MaximumEventAgeInSeconds,
                    onSuccess ?? old!.OnSuccess, onFailure ?? old!.OnFailure, DateTimeOffset.UtcNow)
                : new EventInvokeConfig(retries, maxAgeSeconds, onSuccess, onFailure, DateTimeOffset.UtcNow);
            function.EventInvokeConfigs[key] = config;
        }).ConfigureAwait(false);
        return config!;
    }

    public (string Qualifier, EventInvokeConfig Config) GetEventInvokeConfig(string name, string? qualifier)
    {
        var function = Find(name);
        var key = QualifierOf(function, name, qualifier);
        return function.EventInvokeConfigs.TryGetValue(key, out var config)
            ? (key, config)
            : throw ControlPlaneException.NotFound($"The function {HostIdentity.FunctionArn(Region, name, key)} doesn't have an EventInvokeConfig");
    }

    /// <summary>Every qualifier's config, ordered by qualifier.</summary>
    public IReadOnlyList<(string Qualifier, EventInvokeConfig Config)> ListEventInvokeConfigs(string name) =>
        [.. Find(name).EventInvokeConfigs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))];

    public async Task DeleteEventInvokeConfigAsync(string name, string? qualifier)
    {
        var key = QualifierOf(Find(name), name, qualifier);
        await ChangeAsync(name, function =>
        {
            if (!function.EventInvokeConfigs.TryRemove(key, out _))
            {
                throw ControlPlaneException.NotFound($"The function {HostIdentity.FunctionArn(Region, name, key)} doesn't have an EventInvokeConfig");
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Changes one of a function's settings under its change gate, and stores it.</summary>
    public async Task ChangeAsync(string name, Action<LambdaFunction> change)
    {
        var function = Find(name);
        await function.ChangeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            change(function);
            _store.Save(function);
        }
        finally
        {
            function.ChangeGate.Release();
        }
    }

    /// <summary>
    /// Refuses a dead-letter queue: Lambda sends failed events to SQS or SNS, which this host does not have. Dropping
    /// the setting would lose what the user asked for without a word; an OnFailure destination to a function does the same job here.
    /// </summary>
    public static void CheckDeadLetterTarget(string? targetArn)
    {
        if (!string.IsNullOrEmpty(targetArn))
        {
            throw ControlPlaneException.InvalidParameter(
                $"DeadLetterConfig TargetArn '{targetArn}': Ember has no SQS or SNS to deliver failed events to. Use an OnFailure destination " +
                "to a Lambda function of this host instead (put-function-event-invoke-config --destination-config), or leave DeadLetterConfig empty.");
        }
    }

    private string QualifierOf(LambdaFunction function, string name, string? qualifier)
    {
        var key = qualifier ?? ControlPlaneValues.Latest;
        return function.HasQualifier(key) ? key : throw ControlPlaneException.FunctionNotFound(HostIdentity.FunctionArn(Region, name, qualifier));
    }

    private void CheckDestination(string? arn, string which)
    {
        if (arn is null)
        {
            return;
        }
        var parts = arn.Split(':');
        if (parts.Length < 6 || parts[0] != "arn")
        {
            throw ControlPlaneException.InvalidParameter($"DestinationConfig {which}: '{arn}' is not an ARN.");
        }
        if (parts[2] != "lambda")
        {
            throw ControlPlaneException.InvalidParameter(
                $"DestinationConfig {which}: Ember delivers destinations to Lambda functions of this host only; '{arn}' is {parts[2].ToUpper(CultureInfo.InvariantCulture)}, which this host does not have.");
        }
        if (!FunctionReference.TryParse(arn, null, out var target) || target.Region is null || !target.IsOn(Region, HostIdentity.AccountId))
        {
            throw ControlPlaneException.InvalidParameter(
                $"DestinationConfig {which}: '{arn}' is not a function of this host (arn:aws:lambda:{Region}:{HostIdentity.AccountId}:function:NAME).");
        }
    }
}
