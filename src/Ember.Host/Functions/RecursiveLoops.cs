namespace Ember.Host.Functions;

/// <summary>
/// The values of a function's RecursiveLoop (PutFunctionRecursionConfig). Kept out of Wire/: "Allow" is also an IAM
/// effect there, and the two must not be mistaken for one another.
/// </summary>
internal static class RecursiveLoops
{
    public const string Terminate = "Terminate";
    public const string Allow = "Allow";
}
