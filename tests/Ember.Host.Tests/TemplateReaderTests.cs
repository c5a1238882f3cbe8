using Ember.Host.Templates;

namespace Ember.Host.Tests;

public sealed class TemplateReaderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ember-template-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir.FullName, "template.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Read_ServerlessFunctionWithGlobalsAndShortTags_ResolvesEverything()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "code"));
        var path = Write("""
            Parameters:
              Stage: { Type: String, Default: dev }
            Globals:
              Function:
                MemorySize: 512
                Timeout: 30
                Runtime: python3.12
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: !Sub "orders-${Stage}"
                  Handler: app.handler
                  CodeUri: code
                  Architectures: [arm64]
                  ReservedConcurrentExecutions: 5
                  Environment:
                    Variables:
                      TABLE: !Ref Stage
                      REGION: !Sub "${AWS::Region}"
                      OTHER: !GetAtt Table.Arn
                  FunctionUrlConfig:
                    AuthType: AWS_IAM
                  Tracing: Active
            """);

        var result = new SamTemplateReader().Read(path);

        var f = Assert.Single(result.Functions);
        Assert.Equal("orders-dev", f.Name);
        Assert.Equal("python3.12", f.Runtime);
        Assert.Equal(512, f.MemoryMb);
        Assert.Equal(30, f.TimeoutSeconds);
        Assert.Equal("arm64", f.Architecture);
        Assert.Equal(5, f.ReservedConcurrency);
        Assert.Equal("AWS_IAM", f.UrlAuthType);
        Assert.Equal("dev", f.Environment["TABLE"]);
        Assert.Equal("us-east-1", f.Environment["REGION"]);
        Assert.False(f.Environment.ContainsKey("OTHER") && f.Environment["OTHER"] != "");
        Assert.Contains(result.Warnings, w => w.Message.Contains("'Tracing' is ignored"));
        Assert.Contains(result.Warnings, w => w.Message.Contains("!GetAtt"));
    }

    [Fact]
    public void Read_SeveralBrokenFunctions_ReportsEveryProblemAtOnce()
    {
        var path = Write("""
            Resources:
              A:
                Type: AWS::Serverless::Function
                Properties: { Runtime: java21, Handler: x, CodeUri: missing-a }
              B:
                Type: AWS::Lambda::Function
                Properties: { Runtime: python3.12, Handler: nodot, Code: missing-b, MemorySize: 64 }
            """);

        var e = Assert.Throws<TemplateException>(() => new SamTemplateReader().Read(path));

        Assert.Contains(e.Problems, p => p.Function == "A" && p.Message.Contains("runtime 'java21' is not supported"));
        Assert.Contains(e.Problems, p => p.Function == "A" && p.Message.Contains("CodeUri 'missing-a' does not exist"));
        Assert.Contains(e.Problems, p => p.Function == "B" && p.Message.Contains("module.function"));
        Assert.Contains(e.Problems, p => p.Function == "B" && p.Message.Contains("MemorySize '64'"));
        Assert.Contains(e.Problems, p => p.Function == "B" && p.Message.Contains("'missing-b' does not exist"));
    }

    [Fact]
    public void Read_InvalidYaml_SaysWhereAndDoesNotThrowOtherwise()
    {
        var path = Write("Resources:\n  A: [unclosed\n");
        var e = Assert.Throws<TemplateException>(() => new SamTemplateReader().Read(path));
        Assert.Contains("invalid YAML at line", e.Message);
    }

    [Theory]
    [InlineData("", "arn:aws:iam::000000000000:role/FnRole")]
    [InlineData("Role: arn:aws:iam::123456789012:role/given", "arn:aws:iam::123456789012:role/given")]
    [InlineData("Role: !GetAtt OrdersRole.Arn", "arn:aws:iam::000000000000:role/OrdersRole")]
    [InlineData("Role: { \"Fn::GetAtt\": [OrdersRole, Arn] }", "arn:aws:iam::000000000000:role/OrdersRole")]
    public void Read_Role_IsAnArnAsLambdaAlwaysReportsOne(string role, string expected)
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "code"));
        var path = Write($$"""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  CodeUri: code
                  {{role}}
            """);

        var function = Assert.Single(new SamTemplateReader().Read(path).Functions);

        Assert.Equal(expected, function.Role);
    }

    [Theory]
    [InlineData("../../../../tmp/x")]
    [InlineData("a/b")]
    [InlineData("name with spaces")]
    [InlineData("x123456789x123456789x123456789x123456789x123456789x123456789xxxxx")]
    public void Read_FunctionNameNotALambdaName_IsAProblemNamingIt(string name)
    {
        // A function's name becomes a folder under the data directory and a URL segment.
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "code"));
        var path = Write($$"""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: "{{name}}", Runtime: python3.12, Handler: app.handler, CodeUri: code }
            """);

        var e = Assert.Throws<TemplateException>(() => new SamTemplateReader().Read(path));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("Fn", problem.Function);
        Assert.Equal($"FunctionName '{name}' must be 1-64 letters, digits, hyphens or underscores.", problem.Message);
    }

    [Fact]
    public void Read_LambdaUrlResource_GivesTheFunctionAUrl()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "code"));
        var path = Write("""
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties: { Runtime: provided.al2023, Handler: bootstrap, Code: code }
              FnUrl:
                Type: AWS::Lambda::Url
                Properties:
                  TargetFunctionArn: !GetAtt Fn.Arn
                  AuthType: NONE
            """);
        var f = Assert.Single(new SamTemplateReader().Read(path).Functions);
        Assert.Equal("Fn", f.Name);
        Assert.Equal("NONE", f.UrlAuthType);
    }

    [Fact]
    public void Read_NoFunctions_IsAnError()
    {
        var path = Write("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n");
        var e = Assert.Throws<TemplateException>(() => new SamTemplateReader().Read(path));
        Assert.Contains("declares no function", e.Message);
    }
}
