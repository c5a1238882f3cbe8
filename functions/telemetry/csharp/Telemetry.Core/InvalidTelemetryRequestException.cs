namespace Telemetry.Core;

/// <summary>
/// The request breaks the contract (not JSON, not an array, invalid Unicode, a duration out of range).
/// </summary>
/// <remarks>
/// Thrown only on the 400 path: the parser's hot loops then need no error checks after every call,
/// and a malformed request is the rare case, answered once and at leisure.
/// </remarks>
internal sealed class InvalidTelemetryRequestException(string detail) : Exception(detail)
{
    public static InvalidTelemetryRequestException At(string what, int position) =>
        new($"{what} at byte {position}");
}
