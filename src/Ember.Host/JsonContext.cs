using System.Text.Json.Serialization;

namespace Ember.Host;

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(string))]
internal sealed partial class JsonContext : JsonSerializerContext;
