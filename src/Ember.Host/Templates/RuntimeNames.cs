namespace Ember.Host.Templates;

/// <summary>The Lambda runtime identifiers Ember runs.</summary>
internal static class RuntimeNames
{
    public const string ProvidedAl2023 = "provided.al2023";
    public const string ProvidedAl2 = "provided.al2";
    public const string Provided = "provided";

    public const string SupportedList = "provided.al2023, provided.al2, provided, python3.8 … python3.14, dotnet8, dotnet10";

    public static bool IsProvided(string runtime) => runtime is ProvidedAl2023 or ProvidedAl2 or Provided;

    public static bool IsPython(string runtime) =>
        runtime.StartsWith("python3.", StringComparison.Ordinal)
        && int.TryParse(runtime.AsSpan("python3.".Length), out var minor) && minor is >= 8 and <= 14;

    /// <summary>Lambda's managed .NET runtimes: dotnet8 and dotnet10 (a class library's Assembly::Type::Method, or an executable assembly).</summary>
    public static bool IsDotnet(string runtime) => DotnetMajor(runtime) is not null;

    /// <summary>8 for dotnet8, 10 for dotnet10; null for any other runtime.</summary>
    public static int? DotnetMajor(string runtime) => runtime switch
    {
        "dotnet8" => 8,
        "dotnet10" => 10,
        _ => null,
    };

    public static bool IsSupported(string runtime) => IsProvided(runtime) || IsPython(runtime) || IsDotnet(runtime);
}
