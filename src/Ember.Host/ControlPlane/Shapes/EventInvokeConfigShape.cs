namespace Ember.Host.ControlPlane.Shapes;

/// <summary>FunctionEventInvokeConfig: Put/Update's request and every event invoke config operation's answer.</summary>
internal sealed class EventInvokeConfigShape
{
    /// <summary>Seconds since the epoch, as Lambda's timestamp (the CLI shows it as a date).</summary>
    public double? LastModified { get; set; }
    public string? FunctionArn { get; set; }
    public int? MaximumRetryAttempts { get; set; }
    public int? MaximumEventAgeInSeconds { get; set; }
    public DestinationConfigShape? DestinationConfig { get; set; }
}

internal sealed class DestinationConfigShape
{
    public DestinationShape? OnSuccess { get; set; }
    public DestinationShape? OnFailure { get; set; }
}

internal sealed class DestinationShape
{
    public string? Destination { get; set; }
}

internal sealed class ListEventInvokeConfigsResponse
{
    public List<EventInvokeConfigShape> FunctionEventInvokeConfigs { get; set; } = [];
    public string? NextMarker { get; set; }
}

/// <summary>DeadLetterConfig of CreateFunction and UpdateFunctionConfiguration.</summary>
internal sealed class DeadLetterConfigShape
{
    public string? TargetArn { get; set; }
}
