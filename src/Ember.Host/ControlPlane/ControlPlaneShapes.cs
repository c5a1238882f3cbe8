using System.Globalization;
using System.Text.Json;
using Ember.Host.ControlPlane.Shapes;
using Ember.Host.Functions;
using Ember.Host.Wire;

namespace Ember.Host.ControlPlane;

/// <summary>Maps the host's functions, versions and aliases to Lambda's response shapes.</summary>
internal static class ControlPlaneShapes
{
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString(ControlPlaneValues.TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// FunctionConfiguration of $LATEST (version null) or of a published version; for $LATEST during an
    /// update, <paramref name="pending"/> is the configuration it is moving to, which the answer shows.
    /// </summary>
    public static FunctionConfigurationShape Configuration(LambdaFunction function, FunctionVersion? version, FunctionConfiguration? pending = null)
    {
        var configuration = version?.Configuration ?? pending ?? function.Configuration;
        return new FunctionConfigurationShape
        {
            FunctionName = function.Name,
            FunctionArn = version is null ? function.Arn : $"{function.Arn}:{version.Number}",
            Runtime = configuration.Runtime,
            Role = configuration.Role,
            Handler = configuration.Handler,
            CodeSize = configuration.CodeSizeBytes,
            Description = configuration.Description,
            Timeout = configuration.TimeoutSeconds,
            MemorySize = configuration.MemoryMb,
            LastModified = Timestamp(version?.LastModified ?? function.LastModified),
            CodeSha256 = configuration.CodeSha256,
            Version = version?.Number ?? ControlPlaneValues.Latest,
            Environment = configuration.Environment.Count == 0 ? null : new EnvironmentShape { Variables = configuration.Environment.ToDictionary() },
            RevisionId = version?.RevisionId ?? function.RevisionId,
            // A published version is immutable: its update status is always the one it was published with.
            LastUpdateStatus = version is null ? function.LastUpdateStatus : ControlPlaneValues.UpdateSuccessful,
            LastUpdateStatusReason = version is null ? function.LastUpdateStatusReason : null,
            LastUpdateStatusReasonCode = version is null ? function.LastUpdateStatusReasonCode : null,
            Architectures = [configuration.Architecture],
            LoggingConfig = new LoggingConfigShape
            {
                LogFormat = configuration.Logging?.LogFormat ?? ControlPlaneValues.LogFormatText,
                // Lambda answers the levels in JSON format only, with its defaults when unset.
                ApplicationLogLevel = configuration.Logging is { IsJson: true } json ? json.ApplicationLevel : null,
                SystemLogLevel = configuration.Logging is { IsJson: true } system ? system.SystemLevel : null,
                LogGroup = configuration.Logging?.LogGroup ?? "/aws/lambda/" + function.Name,
            },
        };
    }

    public static AliasConfigurationShape Alias(LambdaFunction function, FunctionAlias alias) => new()
    {
        AliasArn = $"{function.Arn}:{alias.Name}",
        Name = alias.Name,
        FunctionVersion = alias.FunctionVersion,
        Description = alias.Description,
        RoutingConfig = alias.AdditionalVersionWeights.Count == 0 ? null : new AliasRoutingShape { AdditionalVersionWeights = alias.AdditionalVersionWeights.ToDictionary() },
        RevisionId = alias.RevisionId,
    };

    public static ProvisionedConcurrencyConfigShape Provisioned(ProvisionedConcurrency setting, (int Requested, int Ready, string? Failure) status) => new()
    {
        RequestedProvisionedConcurrentExecutions = setting.Requested,
        AvailableProvisionedConcurrentExecutions = status.Ready,
        AllocatedProvisionedConcurrentExecutions = status.Ready,
        Status = status.Failure is not null ? ControlPlaneValues.ProvisionedFailed
            : status.Ready >= setting.Requested ? ControlPlaneValues.ProvisionedReady
            : ControlPlaneValues.ProvisionedInProgress,
        StatusReason = status.Failure,
        LastModified = Timestamp(setting.LastModified),
    };

    public static FunctionUrlConfigShape Url(FunctionCatalog functions, LambdaFunction function, FunctionUrlConfig url) => new()
    {
        FunctionUrl = functions.FunctionUrl(function.Name),
        FunctionArn = function.Arn,
        AuthType = url.UrlAuthType,
        Cors = url.CorsJson is null ? null : JsonDocument.Parse(url.CorsJson).RootElement.Clone(),
        CreationTime = Timestamp(url.CreationTime),
        LastModifiedTime = Timestamp(url.LastModifiedTime),
        InvokeMode = url.InvokeMode,
    };
}
