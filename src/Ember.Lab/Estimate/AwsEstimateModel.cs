using Ember.Lab.Published;
using Ember.Lab.Reports;

namespace Ember.Lab.Estimate;

/// <summary>
/// The lab's estimate of what AWS Lambda would report for a cold start, from what the lab measured here.
/// <para>
/// The model: AWS Init ≈ local Init + <see cref="PlatformMs"/> + <see cref="PerFileMbMs"/> × the file-backed
/// memory the environment held when init ended. Init work is CPU work that Lambda's init phase runs at
/// full speed, as Ember's does, so local Init counts one for one; on AWS the package and the runtime's files
/// arrive from remote storage as they are first touched, so each MB touched costs more there than here; the
/// rest is the platform's own share. The two coefficients are a least-squares fit over the calibration
/// points (<see cref="AwsEstimateCalibration"/>) against the published table.
/// </para>
/// <para>
/// The published figures come from AWS's own runtime clients, which do more at start than Ember's (the lab's
/// C#, Go and Python functions run Ember's lean clients); across runtimes the model therefore predicts poorly
/// (<see cref="LeaveOneOut"/>). So a row whose runtime has a calibration point is <see cref="Anchored"/>: the
/// published figure of its runtime, plus what this function does beyond the calibration point, converted by
/// the model (its extra Init one for one, its extra file-backed MB at <see cref="PerFileMbMs"/>); likewise for
/// the first Duration (one for one: Ember gives each memory size Lambda's CPU share) and Max Memory Used. A
/// runtime without a point gets the model alone (<see cref="ModelOnly"/>), with the platform's median offsets
/// for Duration and memory.
/// </para>
/// </summary>
internal sealed class AwsEstimateModel
{
    /// <summary>Basis of an estimate that starts from the published figure of the row's runtime.</summary>
    public const string Anchored = "anchored";

    /// <summary>Basis of an estimate from the cross-runtime model alone.</summary>
    public const string ModelOnly = "model";

    private readonly Dictionary<string, CalibrationPoint> _points;
    private readonly PublishedInitTable _published;

    private AwsEstimateModel(AwsEstimateCalibration calibration, PublishedInitTable published, double platformMs, double perFileMbMs,
        double firstDurationOffsetMs, double memoryOffsetMb, IReadOnlyList<LeaveOneOut> leaveOneOut)
    {
        Calibration = calibration;
        _published = published;
        _points = calibration.Points.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        PlatformMs = platformMs;
        PerFileMbMs = perFileMbMs;
        FirstDurationOffsetMs = firstDurationOffsetMs;
        MemoryOffsetMb = memoryOffsetMb;
        LeaveOneOut = leaveOneOut;
    }

    /// <summary>The model fitted on the calibration and published table shipped with Ember.</summary>
    public static AwsEstimateModel Default { get; } = Fit(AwsEstimateCalibration.Default, PublishedInitTable.Default);

    public AwsEstimateCalibration Calibration { get; }

    /// <summary>The platform's own share of Init, in ms (the fit's intercept).</summary>
    public double PlatformMs { get; }

    /// <summary>What each MB of files touched during init adds on AWS, in ms.</summary>
    public double PerFileMbMs { get; }

    /// <summary>Model only: the median of published first Duration − local first Duration over the calibration points.</summary>
    public double FirstDurationOffsetMs { get; }

    /// <summary>Model only: the median of published − local Max Memory Used over the calibration points (the platform's runtime layer).</summary>
    public double MemoryOffsetMb { get; }

    /// <summary>Each calibration point's published Init, the full fit's value and the value fitted without it.</summary>
    public IReadOnlyList<LeaveOneOut> LeaveOneOut { get; }

    public static AwsEstimateModel Fit(AwsEstimateCalibration calibration, PublishedInitTable published)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(published);
        var points = calibration.Points.Select(p => (Point: p, Figure: published.Runtime(p.Published).Nearest(calibration.MemoryMb))).ToList();
        if (points.Count < 3)
        {
            throw new InvalidDataException($"The AWS estimate needs at least three calibration points to fit and test its model (has {points.Count}).");
        }
        var (platform, perMb) = FitLine(points.Select(p => (p.Point.ResidentFileMb, p.Figure.InitMs - p.Point.InitMs)));
        var leaveOneOut = points.Select((p, index) =>
        {
            var (a, c) = FitLine(points.Where((_, i) => i != index).Select(q => (q.Point.ResidentFileMb, q.Figure.InitMs - q.Point.InitMs)));
            return new LeaveOneOut(p.Point.Id, p.Point.Published, p.Figure.InitMs,
                p.Point.InitMs + platform + (perMb * p.Point.ResidentFileMb),
                p.Point.InitMs + a + (c * p.Point.ResidentFileMb));
        }).ToList();
        var firstOffset = Median(points.Where(p => p.Figure.FirstDurationMs is not null).Select(p => p.Figure.FirstDurationMs!.Value - p.Point.FirstDurationMs));
        var memoryOffset = Median(points.Select(p => p.Figure.MaxMemoryUsedMb - p.Point.MaxMemoryUsedMb));
        return new AwsEstimateModel(calibration, published, platform, perMb, firstOffset, memoryOffset, leaveOneOut);
    }

    /// <summary>
    /// The estimate for one cold row of <paramref name="runtime"/>, or null when the row has no Init (no REPORT)
    /// or, for the model alone, no record of the memory held when init ended (a function behind an endpoint).
    /// </summary>
    public AwsEstimate? For(string runtime, int memoryMb, ServerFigures server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (server.InitDurationAvgMs is not { } init)
        {
            return null;
        }
        if (_points.TryGetValue(runtime, out var point))
        {
            var figure = _published.Runtime(point.Published).Nearest(memoryMb);
            var floor = _published.Runtime(_published.PlatformFloor).Nearest(memoryMb).InitMs;
            var extraFile = server.InitResidentFileMb is { } file ? file - point.ResidentFileMb : 0;
            return new AwsEstimate(
                Math.Max(floor, figure.InitMs + (init - point.InitMs) + (PerFileMbMs * extraFile)),
                Math.Max(0, (figure.FirstDurationMs ?? point.FirstDurationMs + FirstDurationOffsetMs) + (server.DurationAvgMs - point.FirstDurationMs)),
                Math.Max(figure.MaxMemoryUsedMb, figure.MaxMemoryUsedMb + (server.MaxMemoryUsedMb - point.MaxMemoryUsedMb)),
                Anchored,
                point.Published);
        }
        if (server.InitResidentFileMb is not { } touched)
        {
            return null;
        }
        return new AwsEstimate(
            init + PlatformMs + (PerFileMbMs * touched),
            server.DurationAvgMs + FirstDurationOffsetMs,
            server.MaxMemoryUsedMb + MemoryOffsetMb,
            ModelOnly,
            null);
    }

    /// <summary>Least squares of y = a + c·x.</summary>
    private static (double Intercept, double Slope) FitLine(IEnumerable<(double X, double Y)> samples)
    {
        var list = samples.ToList();
        var meanX = list.Average(s => s.X);
        var meanY = list.Average(s => s.Y);
        var spread = list.Sum(s => (s.X - meanX) * (s.X - meanX));
        var slope = spread == 0 ? 0 : list.Sum(s => (s.X - meanX) * (s.Y - meanY)) / spread;
        return (meanY - (slope * meanX), slope);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
