namespace Ember.Host.Functions;

/// <summary>A function's URL: its auth type is the switch the Function URL endpoint checks.</summary>
internal sealed record FunctionUrlConfig
{
    /// <summary>NONE or AWS_IAM.</summary>
    public required string UrlAuthType { get; init; }
    public string InvokeMode { get; init; } = Wire.ControlPlaneValues.InvokeBuffered;
    public DateTimeOffset CreationTime { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset LastModifiedTime { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The Cors object as the client sent it (JSON), echoed back; Ember does not apply it.</summary>
    public string? CorsJson { get; init; }
}
