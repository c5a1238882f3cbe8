namespace Ember.Lambda.Managed;

/// <summary>A class library handler string, <c>Assembly::Namespace.Type::Method</c>.</summary>
internal sealed record HandlerName(string Assembly, string Type, string Method)
{
    public const string Separator = "::";

    public static HandlerName Parse(string? handler)
    {
        var parts = (handler ?? string.Empty).Split(Separator);
        if (parts.Length != 3 || parts.Any(part => part.Trim().Length == 0))
        {
            throw new LambdaValidationException(
                $"Invalid handler '{handler}': a class library handler has the form Assembly::Namespace.Type::Method (for example MyFunction::MyFunction.Function::FunctionHandler).");
        }
        return new HandlerName(parts[0].Trim(), parts[1].Trim(), parts[2].Trim());
    }

    public override string ToString() => string.Join(Separator, Assembly, Type, Method);
}
