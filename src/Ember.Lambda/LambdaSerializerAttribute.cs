namespace Ember.Lambda;

/// <summary>
/// Amazon.Lambda.Core's assembly attribute naming the serializer, kept so that a ported function
/// compiles unchanged. With Ember.Lambda the bootstrap names the serializer itself
/// (<c>LambdaBootstrap.RunAsync(handler, new SourceGeneratorLambdaJsonSerializer&lt;MyContext&gt;())</c>);
/// the attribute records the intent and is otherwise not read.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class LambdaSerializerAttribute(Type serializerType) : Attribute
{
    /// <summary>The serializer's type.</summary>
    public Type SerializerType { get; } = serializerType;
}
