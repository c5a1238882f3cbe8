namespace Ember.Host.Auth;

/// <summary>The words of IAM's policy language that Ember reads and writes (template Policies, resource policies).</summary>
internal static class IamPolicyWords
{
    public const string Effect = "Effect";
    public const string Allow = "Allow";
    public const string Deny = "Deny";
}
