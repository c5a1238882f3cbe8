using Ember.Host.Auth;

namespace Ember.Host.Tests.Auth;

public sealed class ResourcePolicyTests
{
    private const string Function = "arn:aws:lambda:us-east-1:000000000000:function:target";
    private static readonly IReadOnlyCollection<string> Caller = ResourcePolicy.PrincipalsOf("000000000000", "caller-role", "caller");
    private static readonly Dictionary<string, string> NoContext = [];

    private static string Statement(string principal, string action = "lambda:InvokeFunction", string resource = Function, string? condition = null) =>
        $$"""{"Sid":"s","Effect":"Allow","Principal":{{principal}},"Action":"{{action}}","Resource":"{{resource}}"{{(condition is null ? "" : ",\"Condition\":" + condition)}}}""";

    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::000000000000:role/caller-role"}""", true)]
    [InlineData("""{"AWS":"000000000000"}""", true)]
    [InlineData("""{"AWS":"arn:aws:iam::000000000000:root"}""", true)]
    [InlineData("\"*\"", true)]
    [InlineData("""{"AWS":"arn:aws:iam::000000000000:role/other-role"}""", false)]
    [InlineData("""{"AWS":"111111111111"}""", false)]
    [InlineData("""{"Service":"s3.amazonaws.com"}""", false)]
    public void Allows_ThePrincipalMustNameTheCaller(string principal, bool allowed) =>
        Assert.Equal(allowed, ResourcePolicy.Allows([Statement(principal)], "lambda:InvokeFunction", Function, Caller, NoContext));

    [Fact]
    public void Allows_OnlyTheActionAndResourceItNames()
    {
        var statement = Statement("\"*\"", "lambda:InvokeFunctionUrl");

        Assert.True(ResourcePolicy.Allows([statement], "lambda:InvokeFunctionUrl", Function, Caller, NoContext));
        Assert.False(ResourcePolicy.Allows([statement], "lambda:InvokeFunction", Function, Caller, NoContext));
        Assert.False(ResourcePolicy.Allows([statement], "lambda:InvokeFunctionUrl", Function + "x", Caller, NoContext));
        Assert.True(ResourcePolicy.Allows([Statement("\"*\"", "lambda:*")], "lambda:InvokeFunctionUrl", Function, Caller, NoContext));
    }

    [Fact]
    public void Allows_AConditionHoldsOnlyOnAKeyTheRequestHas()
    {
        var url = Statement("\"*\"", "lambda:InvokeFunctionUrl", condition: """{"StringEquals":{"lambda:FunctionUrlAuthType":"AWS_IAM"}}""");
        var fromS3 = Statement("\"*\"", condition: """{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::bucket"}}""");
        var iam = new Dictionary<string, string> { [ResourcePolicy.FunctionUrlAuthTypeKey] = "AWS_IAM" };

        Assert.True(ResourcePolicy.Allows([url], "lambda:InvokeFunctionUrl", Function, Caller, iam));
        Assert.False(ResourcePolicy.Allows([url], "lambda:InvokeFunctionUrl", Function, Caller, NoContext));
        Assert.False(ResourcePolicy.Allows([fromS3], "lambda:InvokeFunction", Function, Caller, NoContext));
        Assert.False(ResourcePolicy.Allows(["not json"], "lambda:InvokeFunction", Function, Caller, NoContext));
    }
}
