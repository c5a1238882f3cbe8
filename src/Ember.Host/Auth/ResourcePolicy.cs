using System.Text.Json;

namespace Ember.Host.Auth;

/// <summary>
/// A function's resource-based policy (its AddPermission statements), evaluated as IAM evaluates one for a caller of
/// the same account: a statement allows when its Action covers the action, its Principal names the caller (<c>*</c>, the
/// account, the account's root, the caller's role or assumed-role ARN), its Resource covers the function, and every
/// condition holds on the request's context (<c>lambda:FunctionUrlAuthType</c> for a Function URL). A condition on a key
/// the request does not have (<c>AWS:SourceArn</c>: a service's call) does not hold, so such statements grant a signed
/// caller nothing. Within one account either the caller's own policy or this one suffices.
/// </summary>
internal static class ResourcePolicy
{
    public const string FunctionUrlAuthTypeKey = "lambda:FunctionUrlAuthType";

    public static bool Allows(IEnumerable<string> statements, string action, string resource, IReadOnlyCollection<string> principals,
        IReadOnlyDictionary<string, string> context)
    {
        foreach (var text in statements)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (StatementAllows(document.RootElement, action, resource, principals, context))
                {
                    return true;
                }
            }
            catch (JsonException)
            {
                // A statement Ember did not write (a hand-edited store): it grants nothing.
            }
        }
        return false;
    }

    /// <summary>How IAM may name a caller that signs with a function's credentials: its role, assumed as the function, in this account.</summary>
    public static IReadOnlyCollection<string> PrincipalsOf(string account, string role, string session) =>
    [
        "*",
        account,
        $"arn:aws:iam::{account}:root",
        $"arn:aws:iam::{account}:role/{role}",
        $"arn:aws:sts::{account}:assumed-role/{role}/{session}",
    ];

    private static bool StatementAllows(JsonElement statement, string action, string resource, IReadOnlyCollection<string> principals,
        IReadOnlyDictionary<string, string> context)
    {
        if (Text(statement, IamPolicyWords.Effect) != IamPolicyWords.Allow)
        {
            return false;
        }
        if (!Values(statement, "Action").Any(pattern => Wildcard.Matches(pattern, action, ignoreCase: true)))
        {
            return false;
        }
        if (!Values(statement, "Resource").Any(pattern => Wildcard.Matches(pattern, resource, ignoreCase: false)))
        {
            return false;
        }
        if (!NamesCaller(statement, principals))
        {
            return false;
        }
        return !statement.TryGetProperty("Condition", out var conditions) || ConditionsHold(conditions, context);
    }

    private static bool NamesCaller(JsonElement statement, IReadOnlyCollection<string> principals)
    {
        if (!statement.TryGetProperty("Principal", out var principal))
        {
            return false;
        }
        if (principal.ValueKind == JsonValueKind.String)
        {
            return principal.GetString() == "*";
        }
        return principal.ValueKind == JsonValueKind.Object && Values(principal, "AWS").Any(principals.Contains);
    }

    private static bool ConditionsHold(JsonElement conditions, IReadOnlyDictionary<string, string> context)
    {
        foreach (var condition in conditions.EnumerateObject())
        {
            foreach (var key in condition.Value.EnumerateObject())
            {
                var value = context.FirstOrDefault(pair => string.Equals(pair.Key, key.Name, StringComparison.OrdinalIgnoreCase)).Value;
                if (value is null)
                {
                    return false;
                }
                var expected = Values(condition.Value, key.Name).ToArray();
                var holds = condition.Name switch
                {
                    "StringEquals" or "ArnEquals" => expected.Contains(value, StringComparer.Ordinal),
                    "StringEqualsIgnoreCase" => expected.Contains(value, StringComparer.OrdinalIgnoreCase),
                    "StringLike" or "ArnLike" => expected.Any(pattern => Wildcard.Matches(pattern, value, ignoreCase: false)),
                    _ => false,
                };
                if (!holds)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> Values(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return [];
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToArray(),
            _ => [],
        };
    }
}
