using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ember.Lab.Estimate;

/// <summary>
/// The calibration points of the AWS estimate as measured by <c>tools/estimate/calibrate.sh</c>, read from
/// <c>Data/aws-estimate.json</c> (embedded), with where, when and how they were measured.
/// </summary>
internal sealed record AwsEstimateCalibration(
    string MeasuredAt,
    string Machine,
    string Commit,
    string Command,
    int MemoryMb,
    int ColdStarts,
    string Note,
    IReadOnlyList<CalibrationPoint> Points)
{
    private const string ResourceName = "Ember.Lab.Data.aws-estimate.json";

    /// <summary>The calibration shipped with Ember.</summary>
    public static AwsEstimateCalibration Default { get; } = LoadEmbedded();

    private static AwsEstimateCalibration LoadEmbedded()
    {
        using var stream = typeof(AwsEstimateCalibration).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The AWS estimate's calibration resource '{ResourceName}' is missing from Ember.Lab.");
        return JsonSerializer.Deserialize(stream, AwsEstimateJsonContext.Default.AwsEstimateCalibration)
            ?? throw new InvalidDataException("The AWS estimate's calibration is empty.");
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AwsEstimateCalibration))]
internal sealed partial class AwsEstimateJsonContext : JsonSerializerContext;
