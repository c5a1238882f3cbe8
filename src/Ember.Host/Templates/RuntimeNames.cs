namespace Ember.Host.Templates;

/// <summary>The Lambda runtime identifiers Ember runs.</summary>
internal static class RuntimeNames
{
    public const string ProvidedAl2023 = "provided.al2023";
    public const string ProvidedAl2 = "provided.al2";
    public const string Provided = "provided";

    public const string SupportedList = "provided.al2023, provided.al2, provided, python3.8 … python3.14";

    public static bool IsProvided(string runtime) => runtime is ProvidedAl2023 or ProvidedAl2 or Provided;

    public static bool IsPython(string runtime) =>
        runtime.StartsWith("python3.", StringComparison.Ordinal)
        && int.TryParse(runtime.AsSpan("python3.".Length), out var minor) && minor is >= 8 and <= 14;

    public static bool IsSupported(string runtime) => IsProvided(runtime) || IsPython(runtime);
}
