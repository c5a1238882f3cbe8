namespace Ember.Host.ControlPlane.Shapes;

internal sealed class PublishVersionRequest
{
    public string? CodeSha256 { get; set; }
    public string? Description { get; set; }
    public string? RevisionId { get; set; }
}
