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
    public void Read_EventInvokeConfig_KeepsRetriesAgeAndLambdaDestinationsAndWarnsOfOthers()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "code"));
        var path = Write("""
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: worker
                  Runtime: python3.12
                  Handler: app.handler
                  CodeUri: code
                  EventInvokeConfig:
                    MaximumRetryAttempts: 1
                    MaximumEventAgeInSeconds: 300
                    DestinationConfig:
                      OnFailure:
                        Type: Lambda
                        Destination: !GetAtt Failures.Arn
                      OnSuccess:
                        Type: SQS
                        Destination: arn:aws:sqs:us-east-1:000000000000:done
              Failures:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  CodeUri: code
            """);

        var result = new SamTemplateReader().Read(path);

        var config = result.Functions.Single(f => f.Name == "worker").EventInvokeConfig!;
        Assert.Equal((1, 300), (config.MaximumRetryAttempts, config.MaximumEventAgeInSeconds));
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:" + result.Functions.Single(f => f.LogicalId == "Failures").Name, config.OnFailure);
        Assert.Null(config.OnSuccess);
        Assert.Contains(result.Warnings, w => w.Message.Contains("OnSuccess of Type SQS is not emulated", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("'EventInvokeConfig' is ignored", StringComparison.Ordinal));

        // and a retry count Lambda refuses stops the template, naming the property
        File.WriteAllText(path, File.ReadAllText(path).Replace("MaximumRetryAttempts: 1", "MaximumRetryAttempts: 3", StringComparison.Ordinal));
        var e = Assert.Throws<TemplateException>(() => new SamTemplateReader().Read(path));
        Assert.Contains(e.Problems, p => p.Message.Contains("EventInvokeConfig.MaximumRetryAttempts", StringComparison.Ordinal));
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

    [Fact]
    public void Read_ApiAndHttpApiEvents_GiveRoutesOfTheirApis()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "code"));
        var path = Write("""
            Globals:
              Function: { Runtime: python3.12, CodeUri: code }
            Resources:
              Shop:
                Type: AWS::Serverless::Api
                Properties: { StageName: v1, BinaryMediaTypes: [ "image~1png" ] }
              Items:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: app.items
                  Events:
                    Get: { Type: Api, Properties: { RestApiId: !Ref Shop, Path: "/items/{id}", Method: get } }
                    Implicit: { Type: Api, Properties: { Path: /ping, Method: any } }
                    V2: { Type: HttpApi, Properties: { Path: /v2/items, Method: POST } }
                    V1: { Type: HttpApi, Properties: { Path: /v1/items, Method: GET, PayloadFormatVersion: "1.0" } }
                    Catch: { Type: HttpApi }
                    Queue: { Type: SQS, Properties: { Queue: arn } }
            """);

        var result = new SamTemplateReader().Read(path);

        Assert.Equal(
            [("Shop", ApiKind.Rest, "GET", "/items/{id}", "1.0"), ("ServerlessRestApi", ApiKind.Rest, "ANY", "/ping", "1.0"),
             ("ServerlessHttpApi", ApiKind.Http, "POST", "/v2/items", "2.0"), ("ServerlessHttpApi", ApiKind.Http, "GET", "/v1/items", "1.0"),
             ("ServerlessHttpApi", ApiKind.Http, "ANY", "$default", "2.0")],
            result.Routes.Select(r => (r.ApiId, r.Kind, r.Method, r.Path, r.PayloadFormat)));
        Assert.All(result.Routes, r => Assert.Equal("Items", r.FunctionName));
        var shop = result.Apis.Single(a => a.LogicalId == "Shop");
        Assert.Equal(("v1", "image/png"), (shop.Stage, shop.BinaryMediaTypes.Single()));
        Assert.Equal(("Prod", "$default"), (result.Apis.Single(a => a.LogicalId == "ServerlessRestApi").Stage, result.Apis.Single(a => a.LogicalId == "ServerlessHttpApi").Stage));
        Assert.Contains(result.Warnings, w => w.Message.Contains("event 'Queue' of type SQS is not emulated"));
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("'Events' is ignored"));
    }

    [Fact]
    public void Read_BrokenApiEvents_ReportEachProblem()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "code"));
        var path = Write("""
            Globals:
              Function: { Runtime: python3.12, CodeUri: code }
            Resources:
              Web:
                Type: AWS::Serverless::HttpApi
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: app.h
                  Events:
                    NoPath: { Type: Api, Properties: { Method: get } }
                    Unknown: { Type: Api, Properties: { RestApiId: !Ref Nope, Path: /a, Method: get } }
                    WrongKind: { Type: Api, Properties: { RestApiId: !Ref Web, Path: /b, Method: get } }
                    BadFormat: { Type: HttpApi, Properties: { Path: /c, PayloadFormatVersion: "3.0" } }
                    Twice1: { Type: HttpApi, Properties: { Path: /d, Method: GET } }
                    Twice2: { Type: HttpApi, Properties: { Path: /d, Method: GET } }
            """);

        var e = Assert.Throws<TemplateException>(() => new SamTemplateReader().Read(path));

        Assert.Contains(e.Problems, p => p.Message.Contains("event 'NoPath' (Api) needs Path and Method"));
        Assert.Contains(e.Problems, p => p.Message.Contains("names the API 'Nope'"));
        Assert.Contains(e.Problems, p => p.Message.Contains("event 'WrongKind' is of type Api but 'Web' is an HTTP API"));
        Assert.Contains(e.Problems, p => p.Message.Contains("PayloadFormatVersion must be \"1.0\" or \"2.0\""));
        Assert.Contains(e.Problems, p => p.Message.Contains("the route GET /d is declared by more than one event"));
    }
}
