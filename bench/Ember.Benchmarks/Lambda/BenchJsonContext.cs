using System.Text.Json.Serialization;

namespace Ember.Benchmarks.Lambda;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BenchRequest))]
[JsonSerializable(typeof(BenchResponse))]
internal sealed partial class BenchJsonContext : JsonSerializerContext
{
}
