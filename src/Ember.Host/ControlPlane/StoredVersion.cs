using Ember.Host.Functions;

namespace Ember.Host.ControlPlane;

internal sealed class StoredVersion
{
    public required string Number { get; set; }
    public required FunctionConfiguration Configuration { get; set; }
    public DateTimeOffset LastModified { get; set; }
    public string RevisionId { get; set; } = "";
}
