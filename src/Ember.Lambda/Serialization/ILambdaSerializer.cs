namespace Ember.Lambda.Serialization;

/// <summary>
/// Turns the event into the handler's input and its output into the response, as Amazon.Lambda.Core's
/// ILambdaSerializer does; <see cref="SourceGeneratorLambdaJsonSerializer{TContext}"/> is the default.
/// </summary>
public interface ILambdaSerializer
{
    /// <summary>Reads the event.</summary>
    T Deserialize<T>(Stream requestStream);

    /// <summary>Writes the response.</summary>
    void Serialize<T>(T response, Stream responseStream);
}
