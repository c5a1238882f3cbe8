using System.Buffers.Text;

namespace Ember.Lab.Load;

/// <summary>
/// The handler's own time in a response, when the function reports one: the telemetry contract's
/// <c>"compute_ms":N</c> (whole milliseconds from the start of the handler to the result being ready). The lab
/// sets it beside REPORT's Duration to split the warm Duration into the handler and the runtime client around it.
/// </summary>
internal static class ComputeField
{
    /// <summary>How much of a response body is kept to look for the field: the telemetry response is a few hundred bytes.</summary>
    public const int ScanBytes = 64 * 1024;

    private static ReadOnlySpan<byte> Name => "\"compute_ms\":"u8;

    public static double? Read(ReadOnlySpan<byte> body)
    {
        var at = body.LastIndexOf(Name);
        if (at < 0)
        {
            return null;
        }
        var value = body[(at + Name.Length)..].TrimStart(" \t\r\n"u8);
        return Utf8Parser.TryParse(value, out double ms, out _) && double.IsFinite(ms) && ms >= 0 ? ms : null;
    }
}
