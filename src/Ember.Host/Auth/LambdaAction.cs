namespace Ember.Host.Auth;

/// <summary>
/// The IAM action an endpoint performs (<c>lambda:GetFunction</c>), as endpoint metadata: a request
/// signed with a function's own credentials reaches the endpoint only if the function's policy
/// allows it on the function named in the path.
/// </summary>
internal sealed record LambdaAction(string Name)
{
    public string Action => "lambda:" + Name;
}
