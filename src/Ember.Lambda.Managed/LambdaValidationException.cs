namespace Ember.Lambda.Managed;

/// <summary>
/// The handler string or the handler it names cannot be used (no such assembly, type or method, an overloaded
/// method, a signature Lambda does not accept, a missing serializer). Reported at init, under this type name,
/// as Lambda's managed .NET runtime reports it.
/// </summary>
public sealed class LambdaValidationException : Exception
{
    public LambdaValidationException(string message)
        : base(message)
    {
    }

    public LambdaValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LambdaValidationException()
    {
    }
}
