using System.Text.Json;
using System.Text.Json.Serialization;
using Ember.Lambda;
using Ember.Lambda.Serialization;

[assembly: LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<HelloManaged.HelloJsonContext>))]

namespace HelloManaged;

public sealed record HelloRequest(string? Name);

public sealed record HelloResponse(string Message, string RequestId);

[JsonSerializable(typeof(HelloRequest))]
[JsonSerializable(typeof(HelloResponse))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
public sealed partial class HelloJsonContext : JsonSerializerContext;

/// <summary>Handler: HelloManaged::HelloManaged.Function::Handler. The constructor runs once, at init.</summary>
public sealed class Function
{
    public HelloResponse Handler(HelloRequest request, ILambdaContext context)
    {
        context.Logger.LogInformation("hello {name}", request.Name ?? "world");
        return new HelloResponse($"Hello, {request.Name ?? "world"}!", context.AwsRequestId);
    }
}
