using System.Text.Json;

namespace Ember.Lambda;

/// <summary>The Cognito identity a mobile SDK caller sent (<c>Lambda-Runtime-Cognito-Identity</c>), as Amazon.Lambda.Core names it.</summary>
public interface ICognitoIdentity
{
    /// <summary>The caller's Cognito identity id (<c>cognitoIdentityId</c>).</summary>
    string IdentityId { get; }

    /// <summary>Its identity pool (<c>cognitoIdentityPoolId</c>).</summary>
    string IdentityPoolId { get; }
}

/// <summary>The client context a mobile SDK caller sent (<c>Lambda-Runtime-Client-Context</c>), as Amazon.Lambda.Core names it.</summary>
public interface IClientContext
{
    /// <summary>The <c>env</c> object: the caller's platform, make, model, locale.</summary>
    IDictionary<string, string> Environment { get; }

    /// <summary>The <c>client</c> object: the calling application.</summary>
    IClientApplication Client { get; }

    /// <summary>The <c>custom</c> object: what the application chose to send.</summary>
    IDictionary<string, string> Custom { get; }
}

/// <summary>The calling application, from the client context's <c>client</c> object.</summary>
public interface IClientApplication
{
    /// <summary><c>app_package_name</c>.</summary>
    string AppPackageName { get; }

    /// <summary><c>app_title</c>.</summary>
    string AppTitle { get; }

    /// <summary><c>app_version_code</c>.</summary>
    string AppVersionCode { get; }

    /// <summary><c>app_version_name</c>.</summary>
    string AppVersionName { get; }

    /// <summary><c>installation_id</c>.</summary>
    string InstallationId { get; }
}

/// <summary>The two mobile-SDK headers read into objects; null when absent or not JSON objects.</summary>
internal static class MobileContext
{
    public static ICognitoIdentity? Identity(string? json) =>
        Parse(json) is { } root
            ? new CognitoIdentity(Text(root, "cognitoIdentityId"), Text(root, "cognitoIdentityPoolId"))
            : null;

    public static IClientContext? Client(string? json)
    {
        if (Parse(json) is not { } root)
        {
            return null;
        }
        var client = root.TryGetProperty("client", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        return new ClientContextObject(
            Map(root, "env"),
            new ClientApplication(Text(client, "app_package_name"), Text(client, "app_title"), Text(client, "app_version_code"),
                Text(client, "app_version_name"), Text(client, "installation_id")),
            Map(root, "custom"));
    }

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : string.Empty;

    private static Dictionary<string, string> Map(JsonElement element, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                map[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }
        return map;
    }

    private sealed record CognitoIdentity(string IdentityId, string IdentityPoolId) : ICognitoIdentity;

    private sealed record ClientApplication(string AppPackageName, string AppTitle, string AppVersionCode, string AppVersionName, string InstallationId)
        : IClientApplication;

    private sealed record ClientContextObject(IDictionary<string, string> Environment, IClientApplication Client, IDictionary<string, string> Custom)
        : IClientContext;
}
