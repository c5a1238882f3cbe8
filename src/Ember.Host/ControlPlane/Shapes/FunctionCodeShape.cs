namespace Ember.Host.ControlPlane.Shapes;

/// <summary>FunctionCode: Ember takes the zip inline (base64 in JSON); S3 and images are refused with a clear message.</summary>
internal sealed class FunctionCodeShape
{
    public byte[]? ZipFile { get; set; }
    public string? S3Bucket { get; set; }
    public string? S3Key { get; set; }
    public string? ImageUri { get; set; }
}
