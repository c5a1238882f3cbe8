using System.Text.Json.Serialization;

namespace Ember.Lambda.FunctionUrls;

/// <summary>Source-generated JSON for the payload format 2.0 types (no reflection, trim and AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpApiV2Request))]
[JsonSerializable(typeof(HttpApiV2Response))]
public sealed partial class HttpApiJsonContext : JsonSerializerContext
{
}
