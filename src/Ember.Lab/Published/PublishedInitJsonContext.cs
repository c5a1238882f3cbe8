using System.Text.Json.Serialization;

namespace Ember.Lab.Published;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PublishedInitTable))]
internal sealed partial class PublishedInitJsonContext : JsonSerializerContext;
