namespace Ember.Host.Functions;

/// <summary>
/// A function as clients name it: <c>name</c>, <c>name:qualifier</c>, a full ARN
/// (<c>arn:aws:lambda:region:account:function:name[:qualifier]</c>) or a partial one (<c>account:function:name</c>).
/// </summary>
internal readonly record struct FunctionReference(string Name, string? Qualifier)
{
    /// <summary>The region a full ARN names; null for a name or a partial ARN.</summary>
    public string? Region { get; init; }

    /// <summary>The account a full or partial ARN names; null for a plain name.</summary>
    public string? Account { get; init; }

    /// <summary>False when the ARN names another region or account than the host's: a different function, which this host does not have.</summary>
    public bool IsOn(string region, string account) =>
        (Region is null || Region == region) && (Account is null || Account == account);

    public static bool TryParse(string text, string? qualifierParameter, out FunctionReference reference)
    {
        reference = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        var parts = text.Split(':');
        string name;
        string? qualifier = null;
        string? region = null;
        string? account = null;
        if (parts.Length >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function")
        {
            name = parts[6];
            qualifier = parts.Length > 7 ? parts[7] : null;
            region = parts[3];
            account = parts[4];
        }
        else if (parts.Length >= 3 && parts[1] == "function")
        {
            name = parts[2];
            qualifier = parts.Length > 3 ? parts[3] : null;
            account = parts[0];
        }
        else if (parts.Length <= 2)
        {
            name = parts[0];
            qualifier = parts.Length == 2 ? parts[1] : null;
        }
        else
        {
            return false;
        }
        if (!string.IsNullOrEmpty(qualifierParameter))
        {
            if (qualifier is not null && qualifier != qualifierParameter)
            {
                return false;
            }
            qualifier = qualifierParameter;
        }
        if (name.Length == 0 || name.Length > 64 || qualifier is "")
        {
            return false;
        }
        reference = new FunctionReference(name, qualifier) { Region = region, Account = account };
        return true;
    }
}
