namespace Ember.Lab.Estimate;

/// <summary>
/// One function measured on Ember's local host for the AWS estimate (averages over its cold starts), and the
/// published runtime it is set against: the lab's runtimes through their telemetry functions, other languages
/// through hello-world runtimes (tools/estimate).
/// </summary>
/// <param name="Id">The lab runtime (<c>go</c>) or calibration function (<c>hello-rust</c>).</param>
/// <param name="Published">The published runtime's id in published-init.json.</param>
/// <param name="InitMs">Local Init Duration.</param>
/// <param name="FirstDurationMs">Local Duration of the first invocation.</param>
/// <param name="MaxMemoryUsedMb">Local Max Memory Used.</param>
/// <param name="ResidentFileMb">File-backed memory of the environment's processes when init ended.</param>
/// <param name="ResidentAnonymousMb">Anonymous memory of the environment's processes when init ended.</param>
internal sealed record CalibrationPoint(
    string Id,
    string Published,
    double InitMs,
    double FirstDurationMs,
    double MaxMemoryUsedMb,
    double ResidentFileMb,
    double ResidentAnonymousMb);
