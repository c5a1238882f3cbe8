namespace Telemetry.Core;

/// <summary>
/// Finds the p95 duration without sorting: durations in [0, 4096) (all but a sliver of real
/// traffic) go into a histogram, the rest into a small list that alone gets sorted.
/// </summary>
internal sealed class DurationSelector
{
    private const int HistogramSize = 4096;

    private readonly int[] _histogram = new int[HistogramSize];
    private long[] _outliers = new long[64];
    private int _outlierCount;
    private int _count;

    public int Count => _count;

    public void Reset()
    {
        if (_count > 0)
        {
            Array.Clear(_histogram);
        }
        _count = 0;
        _outlierCount = 0;
    }

    public void Add(long duration)
    {
        _count++;
        if ((ulong)duration < HistogramSize)
        {
            _histogram[duration]++;
            return;
        }
        if (_outlierCount == _outliers.Length)
        {
            Array.Resize(ref _outliers, _outliers.Length * 2);
        }
        _outliers[_outlierCount++] = duration;
    }

    /// <summary>The value at index floor(0.95 × (n − 1)) of the sorted durations; 0 when there are none.</summary>
    public long P95()
    {
        if (_count == 0)
        {
            return 0;
        }
        // Integer form of floor(0.95 × (n − 1)): equal to the double formula for every n (its
        // rounding error is under half an ulp of the product), without needing that argument.
        long rank = 95L * (_count - 1) / 100;
        Span<long> outliers = _outliers.AsSpan(0, _outlierCount);
        outliers.Sort();
        int negatives = 0;
        while (negatives < outliers.Length && outliers[negatives] < 0)
        {
            negatives++;
        }
        if (rank < negatives)
        {
            return outliers[(int)rank];
        }
        rank -= negatives;
        int inHistogram = _count - _outlierCount;
        if (rank < inHistogram)
        {
            for (int value = 0; ; value++)
            {
                rank -= _histogram[value];
                if (rank < 0)
                {
                    return value;
                }
            }
        }
        return outliers[negatives + (int)(rank - inHistogram)];
    }
}
