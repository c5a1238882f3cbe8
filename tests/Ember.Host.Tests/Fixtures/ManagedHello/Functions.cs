using System.Text.Json;
using Ember.Lambda;
using Ember.Lambda.Serialization;

[assembly: LambdaSerializer(typeof(ManagedHello.ReflectionJsonSerializer))]

namespace ManagedHello;

public sealed record Greeting(string Name);

public sealed record Answer(string Message, string FunctionName, string RequestId, int MemoryLimitInMB, bool TimeLeft, int Constructed);

/// <summary>A reflection-based System.Text.Json serializer, as Amazon.Lambda.Serialization.SystemTextJson's default is.</summary>
public sealed class ReflectionJsonSerializer : ILambdaSerializer
{
    public T Deserialize<T>(Stream requestStream) => JsonSerializer.Deserialize<T>(requestStream)!;

    public void Serialize<T>(T response, Stream responseStream) => JsonSerializer.Serialize(responseStream, response);
}

public static class Functions
{
    /// <summary>Stream in, stream out: no serializer needed.</summary>
    public static Stream Echo(Stream input)
    {
        var copy = new MemoryStream();
        input.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    public static void Fail(Stream input) => throw new InvalidOperationException("the handler failed on purpose");

    public static string Overloaded(string input) => input;

    public static string Overloaded(string input, ILambdaContext context) => input;
}

/// <summary>An instance handler: its constructor runs once, in the init phase.</summary>
public sealed class Greeter
{
    private static int _constructed;

    public Greeter() => Interlocked.Increment(ref _constructed);

    public async Task<Answer> Greet(Greeting greeting, ILambdaContext context)
    {
        await Task.Yield();
        context.Logger.LogInformation("greeting {name}", greeting.Name);
        return new Answer($"Hello, {greeting.Name}!", context.FunctionName, context.AwsRequestId, context.MemoryLimitInMB,
            context.RemainingTime > TimeSpan.Zero, _constructed);
    }

    public Task Nothing(Stream input) => Task.CompletedTask;
}

/// <summary>Its constructor fails: the init fails under the exception's own type.</summary>
public sealed class BrokenConstructor
{
    public BrokenConstructor() => throw new InvalidDataException("the configuration is missing");

    public Stream Handle(Stream input) => input;
}
