namespace Ember.Host.ControlPlane.Shapes;

internal sealed class FunctionCodeLocationShape
{
    public string RepositoryType { get; set; } = "S3";

    /// <summary>Where the code is unpacked on this machine (a file: URI, not a presigned S3 URL).</summary>
    public required string Location { get; set; }
}
