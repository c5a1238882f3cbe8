using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Ember.Lambda.Serialization;

/// <summary>
/// System.Text.Json with a source-generated context (no reflection: trim and Native AOT safe), as
/// Amazon.Lambda.Serialization.SystemTextJson's class of the same name: every type the handler reads
/// or writes must be a <c>[JsonSerializable]</c> of <typeparamref name="TContext"/>.
/// </summary>
public sealed class SourceGeneratorLambdaJsonSerializer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TContext>
    : ILambdaSerializer
    where TContext : JsonSerializerContext
{
    private readonly JsonSerializerContext _context;

    /// <summary>
    /// A context with the options Lambda's events need, as Amazon's serializer makes it: camelCase names,
    /// matched without regard to case when read, nulls left out when written.
    /// </summary>
    public SourceGeneratorLambdaJsonSerializer()
        : this((TContext)Activator.CreateInstance(typeof(TContext), new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        })!)
    {
    }

    /// <summary>With a context made by the caller (its options included).</summary>
    public SourceGeneratorLambdaJsonSerializer(TContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <inheritdoc />
    public T Deserialize<T>(Stream requestStream) =>
        JsonSerializer.Deserialize(requestStream, TypeInfo<T>())!;

    /// <inheritdoc />
    public void Serialize<T>(T response, Stream responseStream) =>
        JsonSerializer.Serialize(responseStream, response, TypeInfo<T>());

    private JsonTypeInfo<T> TypeInfo<T>() =>
        _context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
            ?? throw new InvalidOperationException($"{typeof(TContext).Name} has no [JsonSerializable(typeof({typeof(T).Name}))]: add it, so that {typeof(T).Name} is serialised without reflection.");
}
