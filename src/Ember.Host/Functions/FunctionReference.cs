namespace Ember.Host.Functions;

/// <summary>
/// A function as clients name it: <c>name</c>, <c>name:qualifier</c>, a full ARN
/// (<c>arn:aws:lambda:region:account:function:name[:qualifier]</c>) or a partial one (<c>account:function:name</c>).
/// </summary>
internal readonly record struct FunctionReference(string Name, string? Qualifier)
{
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
        if (parts.Length >= 7 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function")
        {
            name = parts[6];
            qualifier = parts.Length > 7 ? parts[7] : null;
        }
        else if (parts.Length >= 3 && parts[1] == "function")
        {
            name = parts[2];
            qualifier = parts.Length > 3 ? parts[3] : null;
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
        reference = new FunctionReference(name, qualifier);
        return true;
    }
}
