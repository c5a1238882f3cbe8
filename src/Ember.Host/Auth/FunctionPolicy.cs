using System.Collections.Immutable;

namespace Ember.Host.Auth;

/// <summary>One statement of an identity-based policy: Allow or Deny these actions on these resources.</summary>
/// <param name="Actions">IAM action patterns (<c>lambda:InvokeFunction</c>, <c>lambda:Get*</c>, <c>*</c>), matched without case.</param>
/// <param name="Resources">ARN patterns (<c>arn:aws:lambda:*:*:function:orders*</c>, <c>*</c>), matched with case.</param>
internal sealed record PolicyStatement(bool Allow, ImmutableArray<string> Actions, ImmutableArray<string> Resources)
{
    public bool Matches(string action, string resource) =>
        Actions.Any(a => Wildcard.Matches(a, action, ignoreCase: true)) && Resources.Any(r => Wildcard.Matches(r, resource, ignoreCase: false));
}

/// <summary>
/// What a function's execution role allows, from its template's <c>Policies</c> (or its role's),
/// evaluated as IAM evaluates identity-based policies: an explicit Deny wins, then any Allow,
/// otherwise the request is denied. Ember only authorizes Lambda's own actions; statements about
/// other services are kept but never asked.
/// </summary>
internal sealed record FunctionPolicy(ImmutableArray<PolicyStatement> Statements)
{
    /// <summary>Allows nothing: a function created through the API, whose role Ember cannot read.</summary>
    public static FunctionPolicy None { get; } = new(ImmutableArray<PolicyStatement>.Empty);

    public bool Allows(string action, string resource) =>
        !Statements.Any(s => !s.Allow && s.Matches(action, resource)) && Statements.Any(s => s.Allow && s.Matches(action, resource));

    public FunctionPolicy With(IEnumerable<PolicyStatement> more) => new(Statements.AddRange(more));

    /// <summary>
    /// The Lambda statements of an AWS managed policy, by name or ARN
    /// (<c>AWSLambdaRole</c>, <c>arn:aws:iam::aws:policy/service-role/AWSLambdaRole</c>); empty for a
    /// policy that grants nothing on Lambda (<c>AWSLambdaBasicExecutionRole</c>, DynamoDB, S3 …).
    /// </summary>
    public static ImmutableArray<PolicyStatement> Managed(string nameOrArn)
    {
        var name = nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..];
        return name switch
        {
            "AdministratorAccess" or "PowerUserAccess" => [Allow("*", "*")],
            "AWSLambda_FullAccess" or "AWSLambdaFullAccess" => [Allow("lambda:*", "*")],
            "AWSLambda_ReadOnlyAccess" or "AWSLambdaReadOnlyAccess" => [new(true, ["lambda:Get*", "lambda:List*"], ["*"])],
            "AWSLambdaRole" => [Allow("lambda:InvokeFunction", "*")],
            _ => [],
        };

        static PolicyStatement Allow(string action, string resource) => new(true, [action], [resource]);
    }
}

/// <summary>IAM's wildcards: <c>*</c> any run of characters, <c>?</c> any one.</summary>
internal static class Wildcard
{
    public static bool Matches(string pattern, string text, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || string.Compare(pattern, p, text, t, 1, comparison) == 0))
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
