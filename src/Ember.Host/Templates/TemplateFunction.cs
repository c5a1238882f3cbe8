using System.Collections.Immutable;

namespace Ember.Host.Templates;

/// <summary>A function as the template declares it, before its code is built or located.</summary>
internal sealed record TemplateFunction
{
    public required string LogicalId { get; init; }
    public required string Name { get; init; }
    public required string Runtime { get; init; }
    public string Handler { get; init; } = "";

    /// <summary>Absolute path of CodeUri: a folder or a .zip file.</summary>
    public required string CodePath { get; init; }
    public int MemoryMb { get; init; } = 128;
    public int TimeoutSeconds { get; init; } = 3;
    public string Architecture { get; init; } = Wire.ControlPlaneValues.ArchitectureX86;
    public ImmutableSortedDictionary<string, string> Environment { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    public int? ReservedConcurrency { get; init; }

    /// <summary>The template's LoggingConfig; null for Lambda's default (Text).</summary>
    public Functions.LoggingConfig? Logging { get; init; }

    /// <summary>The template's EventInvokeConfig, for $LATEST; null when it has none.</summary>
    public Functions.EventInvokeConfig? EventInvokeConfig { get; init; }
    public string? UrlAuthType { get; init; }

    /// <summary>The Function URL's InvokeMode from the template (BUFFERED when null).</summary>
    public string? UrlInvokeMode { get; init; }

    /// <summary>The template's Role when it is a plain ARN (or resolves to one); null otherwise.</summary>
    public string? Role { get; init; }

    /// <summary>What the template's Policies (or its role resource's policies) allow on Lambda.</summary>
    public Auth.FunctionPolicy Policy { get; init; } = Auth.FunctionPolicy.None;

    /// <summary>SAM's Metadata.BuildMethod (go1.x, dotnet8, makefile, …); null when the code is ready to run.</summary>
    public string? BuildMethod { get; init; }
    public ImmutableSortedDictionary<string, string> BuildProperties { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}
