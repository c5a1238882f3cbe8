namespace Ember.Lab.Load;

/// <summary>
/// One request as the load generator saw it. <see cref="LatencyMs"/> runs from the moment the request was
/// meant to be sent (closed loop: when it was sent; open loop: its slot in the schedule) to the last byte
/// of the response. <see cref="RequestId"/> is the <c>x-amzn-RequestId</c> response header, when present,
/// so the server's REPORT line for the same invocation can be found; <see cref="LogTail"/> is the Invoke
/// API's log tail (<c>X-Amz-Log-Result</c>, decoded), which carries that REPORT line itself.
/// </summary>
internal sealed record RequestSample(
    double StartOffsetMs,
    double LatencyMs,
    int StatusCode,
    string? RequestId,
    long ResponseBytes,
    string? Error,
    string? LogTail = null,
    double? ComputeMs = null)
{
    /// <summary>Lambda's convention: a 2xx answer is a success; anything else, or no answer, is an error.</summary>
    public bool IsSuccess => Error is null && StatusCode is >= 200 and < 300;
}
