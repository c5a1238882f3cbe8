using System.Text.Json;


namespace Ember.Host;

/// <summary>Small JSON helpers for the few hand-written wire bodies.</summary>
internal static class Json
{

    /// <summary>A JSON string literal, quotes included.</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value, JsonContext.Default.String);
}
