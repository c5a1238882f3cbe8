using System.Text.Json.Serialization;

namespace HelloDotnet;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HelloRequest))]
[JsonSerializable(typeof(HelloResponse))]
internal sealed partial class HelloJsonContext : JsonSerializerContext
{
}
