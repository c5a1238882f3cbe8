namespace Ember.Lab.Estimate;

/// <summary>
/// How well the cross-runtime model predicts one calibration runtime's published Init when fitted without it:
/// the published figure, the prediction, and (prediction − published) ÷ published.
/// </summary>
internal sealed record LeaveOneOut(string Id, string Published, double PublishedInitMs, double FittedInitMs, double PredictedInitMs)
{
    public double FittedError => (FittedInitMs - PublishedInitMs) / PublishedInitMs;

    public double Error => (PredictedInitMs - PublishedInitMs) / PublishedInitMs;
}
