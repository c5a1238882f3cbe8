using Ember.Lab.Estimate;

namespace Ember.Lab.Reports;

/// <summary>
/// The AWS estimate's model as the run used it (results.json <c>metadata.awsEstimate</c>): its coefficients, where
/// and when its calibration points were measured, and how well it predicts each one left out of the fit.
/// </summary>
internal sealed record AwsEstimateInfo(
    string MeasuredAt,
    string Machine,
    string Commit,
    string Command,
    double PlatformMs,
    double PerFileMbMs,
    double FirstDurationOffsetMs,
    double MemoryOffsetMb,
    IReadOnlyList<LeaveOneOut> LeaveOneOut)
{
    public static AwsEstimateInfo From(AwsEstimateModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var calibration = model.Calibration;
        return new AwsEstimateInfo(calibration.MeasuredAt, calibration.Machine, calibration.Commit, calibration.Command,
            Math.Round(model.PlatformMs, 2), Math.Round(model.PerFileMbMs, 3), Math.Round(model.FirstDurationOffsetMs, 2), Math.Round(model.MemoryOffsetMb, 1),
            model.LeaveOneOut);
    }
}
