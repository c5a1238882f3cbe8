using System.Text.Json;
using System.Text.Json.Serialization;
using Ember.Lab.Statistics;

namespace Ember.Lab.Reports;

/// <summary><c>results.json</c>: the whole results model, written and read with a source-generated context (no reflection).</summary>
internal static class JsonResultsWriter
{
    public static async Task WriteAsync(LabResults results, Stream stream, CancellationToken cancellationToken) =>
        await JsonSerializer.SerializeAsync(stream, results, LabResultsJsonContext.Default.LabResults, cancellationToken).ConfigureAwait(false);

    public static string ToJson(LabResults results) => JsonSerializer.Serialize(results, LabResultsJsonContext.Default.LabResults);

    public static LabResults Read(string json) =>
        JsonSerializer.Deserialize(json, LabResultsJsonContext.Default.LabResults)
        ?? throw new InvalidDataException("results.json holds no results.");
}

// NaN stands for "no ratio" (a runtime with no successful sample): written as "NaN" rather than failing the whole file.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(LabResults))]
[JsonSerializable(typeof(RatioSpread))]
internal sealed partial class LabResultsJsonContext : JsonSerializerContext;
