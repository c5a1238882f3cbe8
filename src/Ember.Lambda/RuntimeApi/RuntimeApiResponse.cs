namespace Ember.Lambda.RuntimeApi;

/// <summary>
/// The last response read on a <see cref="RuntimeApiConnection"/>: its status and the Runtime API
/// headers the client needs. Reused for every request; the body lives in the connection's buffer.
/// </summary>
internal sealed class RuntimeApiResponse
{
    public int Status { get; set; }

    public string? RequestId { get; set; }

    public string? Deadline { get; set; }

    public string? InvokedFunctionArn { get; set; }

    public string? TraceId { get; set; }

    public string? ClientContext { get; set; }

    public string? CognitoIdentity { get; set; }

    public void Clear()
    {
        Status = 0;
        RequestId = null;
        Deadline = null;
        InvokedFunctionArn = null;
        TraceId = null;
        ClientContext = null;
        CognitoIdentity = null;
    }
}
