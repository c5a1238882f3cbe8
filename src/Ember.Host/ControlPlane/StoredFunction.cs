using Ember.Host.Functions;

namespace Ember.Host.ControlPlane;

/// <summary>What is kept on disk of a function made through the API, to bring it back after a restart.</summary>
internal sealed class StoredFunction
{
    public required FunctionConfiguration Configuration { get; set; }
    public DateTimeOffset LastModified { get; set; }
    public string RevisionId { get; set; } = "";
    public int NextVersion { get; set; } = 1;
    public string? PublishedRevisionId { get; set; }
    public int? ReservedConcurrency { get; set; }
    public FunctionUrlConfig? Url { get; set; }
    public List<StoredVersion> Versions { get; set; } = [];
    public List<FunctionAlias> Aliases { get; set; } = [];
    public List<ProvisionedConcurrency> Provisioned { get; set; } = [];

    /// <summary>The resource-based policy's statements (JSON text), by statement id.</summary>
    public Dictionary<string, string> Permissions { get; set; } = [];
    public Dictionary<string, string> Tags { get; set; } = [];

    public string? RecursiveLoop { get; set; }
    public RuntimeManagementConfig? RuntimeManagement { get; set; }

    /// <summary>The event invoke configs, by qualifier ($LATEST, a version or an alias).</summary>
    public Dictionary<string, EventInvokeConfig> EventInvokeConfigs { get; set; } = [];
}
