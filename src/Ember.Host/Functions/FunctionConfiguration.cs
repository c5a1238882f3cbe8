using System.Collections.Immutable;

namespace Ember.Host.Functions;

/// <summary>
/// Everything that decides how a function's execution environments are made. Immutable: any change
/// is a new configuration, and environments made from the old one are retired (as on Lambda).
/// </summary>
internal sealed record FunctionConfiguration
{
    public required string Name { get; init; }
    public required string Runtime { get; init; }
    public string Handler { get; init; } = "";

    /// <summary>The folder that holds the code as Lambda would unpack it (LAMBDA_TASK_ROOT).</summary>
    public required string CodeDirectory { get; init; }
    public int MemoryMb { get; init; } = 128;
    public int TimeoutSeconds { get; init; } = 3;
    public string Architecture { get; init; } = Wire.ControlPlaneValues.ArchitectureX86;
    public ImmutableSortedDictionary<string, string> Environment { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    public int? ReservedConcurrency { get; init; }

    /// <summary>Advanced logging controls; null for Lambda's default (Text).</summary>
    public LoggingConfig? Logging { get; init; }

    /// <summary>The template's EventInvokeConfig, which applies to $LATEST; null when it has none.</summary>
    public EventInvokeConfig? EventInvokeConfig { get; init; }

    /// <summary>Null when the function has no Function URL.</summary>
    public string? UrlAuthType { get; init; }

    /// <summary>The Function URL's InvokeMode from the template (BUFFERED when null).</summary>
    public string? UrlInvokeMode { get; init; }

    /// <summary>How many environments each invocation may share (AWS_LAMBDA_MAX_CONCURRENCY); 1 on classic Lambda.</summary>
    public int PerEnvironmentConcurrency { get; init; } = 1;

    public long CodeSizeBytes { get; init; }

    /// <summary>Base64 SHA-256 of the deployment package, as Lambda reports CodeSha256; empty for a template folder.</summary>
    public string CodeSha256 { get; init; } = "";
    public string Description { get; init; } = "";

    /// <summary>The execution role's ARN as given (or the one SAM would make).</summary>
    public string Role { get; init; } = "";

    /// <summary>What the role allows on Lambda, for requests signed with the function's own credentials.</summary>
    public Auth.FunctionPolicy Policy { get; init; } = Auth.FunctionPolicy.None;
}
