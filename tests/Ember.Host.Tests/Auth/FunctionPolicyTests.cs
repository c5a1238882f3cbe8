using Ember.Host.Auth;
using Ember.Host.Templates;

namespace Ember.Host.Tests.Auth;

/// <summary>Identity-based policies as IAM evaluates them, and as templates declare them.</summary>
public sealed class FunctionPolicyTests
{
    private const string Orders = "arn:aws:lambda:us-east-1:000000000000:function:orders";

    [Theory]
    [InlineData("lambda:InvokeFunction", "lambda:InvokeFunction", true)]
    [InlineData("lambda:invokefunction", "lambda:InvokeFunction", true)]
    [InlineData("lambda:Get*", "lambda:GetFunctionConfiguration", true)]
    [InlineData("lambda:Get*", "lambda:ListFunctions", false)]
    [InlineData("lambda:Invoke?unction", "lambda:InvokeFunction", true)]
    [InlineData("*", "lambda:DeleteFunction", true)]
    public void Action_MatchesWithIamWildcardsIgnoringCase(string pattern, string action, bool expected)
    {
        var policy = new FunctionPolicy([new PolicyStatement(true, [pattern], ["*"])]);

        Assert.Equal(expected, policy.Allows(action, Orders));
    }

    [Theory]
    [InlineData(Orders, true)]
    [InlineData(Orders + ":live", true)]
    [InlineData(Orders + "-admin", true)]
    [InlineData("arn:aws:lambda:us-east-1:000000000000:function:Orders", false)]
    [InlineData("arn:aws:lambda:us-east-1:000000000000:function:payments", false)]
    public void Resource_MatchesWithWildcardsAndCase(string resource, bool expected)
    {
        var policy = new FunctionPolicy([new PolicyStatement(true, ["lambda:InvokeFunction"], [Orders + "*"])]);

        Assert.Equal(expected, policy.Allows("lambda:InvokeFunction", resource));
    }

    [Fact]
    public void ExplicitDeny_WinsOverAnyAllow()
    {
        var policy = new FunctionPolicy([
            new PolicyStatement(true, ["lambda:*"], ["*"]),
            new PolicyStatement(false, ["lambda:DeleteFunction"], [Orders]),
        ]);

        Assert.True(policy.Allows("lambda:GetFunction", Orders));
        Assert.False(policy.Allows("lambda:DeleteFunction", Orders));
    }

    [Fact]
    public void NoPolicy_AllowsNothing() => Assert.False(FunctionPolicy.None.Allows("lambda:InvokeFunction", Orders));

    [Theory]
    [InlineData("AWSLambdaRole", "lambda:InvokeFunction", true)]
    [InlineData("arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "lambda:InvokeFunction", true)]
    [InlineData("AWSLambdaRole", "lambda:DeleteFunction", false)]
    [InlineData("AWSLambdaBasicExecutionRole", "lambda:InvokeFunction", false)]
    [InlineData("arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess", "lambda:ListFunctions", true)]
    [InlineData("arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess", "lambda:UpdateFunctionCode", false)]
    [InlineData("AWSLambda_FullAccess", "lambda:DeleteFunction", true)]
    public void ManagedPolicy_GrantsItsLambdaActions(string policy, string action, bool expected) =>
        Assert.Equal(expected, new FunctionPolicy(FunctionPolicy.Managed(policy)).Allows(action, Orders));

    [Fact]
    public void Template_PoliciesInEveryForm_AreRead()
    {
        using var dir = new TempDirectory("ember-policies-");
        Directory.CreateDirectory(dir.File("src"));
        File.WriteAllText(dir.File("template.yaml"), """
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  CodeUri: src/
                  Policies:
                    - LambdaInvokePolicy:
                        FunctionName: !Ref Worker
                    - Statement:
                        - Effect: Allow
                          Action: [lambda:GetFunction]
                          Resource: !Sub "${Worker.Arn}"
                        - Effect: Allow
                          Action: lambda:ListFunctions
                          Resource: "*"
                          Condition: {StringEquals: {"aws:RequestedRegion": us-east-1}}
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: worker-fn
                  Runtime: python3.12
                  Handler: app.handler
                  CodeUri: src/
                  Policies: AWSLambdaRole
            """);

        var read = new SamTemplateReader().Read(dir.File("template.yaml"));

        var api = read.Functions.Single(f => f.Name == "Api").Policy;
        var worker = read.Functions.Single(f => f.Name == "worker-fn").Policy;
        const string WorkerArn = "arn:aws:lambda:us-east-1:000000000000:function:worker-fn";
        Assert.True(api.Allows("lambda:InvokeFunction", WorkerArn + ":live"));
        Assert.True(api.Allows("lambda:GetFunction", WorkerArn));
        Assert.False(api.Allows("lambda:ListFunctions", "*"));
        Assert.Contains(read.Warnings, w => w.Message.Contains("Condition", StringComparison.Ordinal));
        Assert.True(worker.Allows("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:000000000000:function:Api"));
    }
}
