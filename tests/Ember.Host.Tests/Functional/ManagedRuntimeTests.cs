using System.Text.Json;

namespace Ember.Host.Tests.Functional;

/// <summary>
/// A host serving class libraries on the managed .NET runtime (dotnet10): one written against Ember.Lambda, one
/// built as `dotnet new lambda.EmptyFunction` builds one (against Amazon.Lambda.Core, with its runtimeconfig.json).
/// </summary>
public sealed class ManagedRuntimeHostFixture : GeneratedTemplateHostFixture
{
    private protected override void WriteFunctions(string root)
    {
        var amazon = Path.Combine(root, "amazon-shaped");
        CopyFromTestOutput(Path.Combine(root, "ember-lambda"), "ManagedHello.dll", "Ember.Lambda.dll", "ManagedExe.dll", "ManagedExe.runtimeconfig.json");
        CopyFromTestOutput(amazon, "AmazonShaped.dll", "Amazon.Lambda.Core.dll");
        File.WriteAllText(Path.Combine(amazon, "AmazonShaped.runtimeconfig.json"), """
            {
              "runtimeOptions": {
                "tfm": "net10.0",
                "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" },
                "configProperties": { "Ember.Test.Marker": "from-function" }
              }
            }
            """);
        var functions = new (string Name, string Code, string Handler)[]
        {
            ("managed-echo", "ember-lambda", "ManagedHello::ManagedHello.Functions::Echo"),
            ("managed-fail", "ember-lambda", "ManagedHello::ManagedHello.Functions::Fail"),
            ("managed-overloaded", "ember-lambda", "ManagedHello::ManagedHello.Functions::Overloaded"),
            ("managed-missing", "ember-lambda", "ManagedHello::ManagedHello.Functions::NoSuchMethod"),
            ("managed-greet", "ember-lambda", "ManagedHello::ManagedHello.Greeter::Greet"),
            ("managed-nothing", "ember-lambda", "ManagedHello::ManagedHello.Greeter::Nothing"),
            ("amazon-shaped", "amazon-shaped", "AmazonShaped::AmazonShaped.Function::FunctionHandler"),
            ("managed-exe", "ember-lambda", "ManagedExe"),
            ("managed-broken-ctor", "ember-lambda", "ManagedHello::ManagedHello.BrokenConstructor::Handle"),
        };
        File.WriteAllText(Path.Combine(root, "template.yaml"), $$"""
            AWSTemplateFormatVersion: '2010-09-09'
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: dotnet10
                # The JIT compiles the runtime and the handler at init: a full vCPU and room for a busy machine.
                MemorySize: 1769
                Timeout: 60
            Resources:
            {{string.Concat(functions.Select(f => $"""
              {f.Name.Replace("-", "")}:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: {f.Name}
                  CodeUri: {f.Code}/
                  Handler: {f.Handler}

            """))}}
            """);
    }
}

public sealed class ManagedRuntimeTests(ManagedRuntimeHostFixture host) : IClassFixture<ManagedRuntimeHostFixture>
{
    [Fact]
    public async Task Invoke_StreamHandler_AnswersTheEventAsItCame()
    {
        // When
        using var response = await host.InvokeAsync("managed-echo", """{"a": [1, 2]}""");

        // Then
        Assert.Equal("""{"a": [1, 2]}""", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"));
    }

    [Fact]
    public async Task Invoke_InstanceHandlerWithSerializerAndContext_ConstructsOnceAndAnswersFromTheContext()
    {
        // When
        var first = await host.InvokeJsonAsync("managed-greet", new { Name = "Ada" });
        using var second = await host.InvokeAsync("managed-greet", new { Name = "Grace" });
        var secondAnswer = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;

        // Then
        Assert.Equal("Hello, Ada!", first.GetProperty("Message").GetString());
        Assert.Equal("managed-greet", first.GetProperty("FunctionName").GetString());
        Assert.Equal(1769, first.GetProperty("MemoryLimitInMB").GetInt32());
        Assert.True(first.GetProperty("TimeLeft").GetBoolean());
        Assert.Equal(second.Headers.GetValues("x-amzn-RequestId").Single(), secondAnswer.GetProperty("RequestId").GetString());
        Assert.Equal(1, secondAnswer.GetProperty("Constructed").GetInt32());
        await Poll.UntilAsync(() => host.LogLinesOf("managed-greet").Any(l => l.Contains("greeting Ada", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Invoke_HandlerReturningTask_AnswersEmpty()
    {
        // When
        using var response = await host.InvokeAsync("managed-nothing");

        // Then
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invoke_HandlerThrows_ReportsTheExceptionTypeAsLambdaDoes()
    {
        // When
        using var response = await host.InvokeAsync("managed-fail");
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // Then
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("InvalidOperationException", error.GetProperty("errorType").GetString());
        Assert.Equal("the handler failed on purpose", error.GetProperty("errorMessage").GetString());
    }

    [Theory]
    [InlineData("managed-overloaded", "overloaded")]
    [InlineData("managed-missing", "Unable to find method 'NoSuchMethod'")]
    public async Task Invoke_HandlerLambdaCannotUse_FailsInitWithLambdaValidationException(string function, string says)
    {
        // When
        using var response = await host.InvokeAsync(function);
        var text = await response.Content.ReadAsStringAsync();

        // Then
        Assert.True(response.Headers.Contains("X-Amz-Function-Error"), text);
        Assert.Contains("LambdaValidationException", text, StringComparison.Ordinal);
        Assert.Contains(says, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_ConstructorThrows_FailsInitUnderTheExceptionsOwnType()
    {
        // When
        using var response = await host.InvokeAsync("managed-broken-ctor");
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // Then
        Assert.Equal("InvalidDataException", error.GetProperty("errorType").GetString());
        Assert.Equal("the configuration is missing", error.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Invoke_FunctionBuiltAgainstAmazonLambdaCore_RunsUnchanged()
    {
        // When
        using var response = await host.InvokeAsync("amazon-shaped", "\"ada\"");
        var text = await response.Content.ReadAsStringAsync();
        var answer = JsonDocument.Parse(text).RootElement;

        // Then
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"), text + string.Join("\n", host.LogLinesOf("amazon-shaped")));
        Assert.Equal("ADA", answer.GetProperty("upper").GetString());
        Assert.Equal("amazon-shaped", answer.GetProperty("function").GetString());
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), answer.GetProperty("requestId").GetString());
        Assert.EndsWith(":function:amazon-shaped", answer.GetProperty("arn").GetString(), StringComparison.Ordinal);
        Assert.Equal("1769", answer.GetProperty("memory").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("tenant").ValueKind);
        Assert.Equal("none", answer.GetProperty("clientContext").GetString());
        Assert.Equal("True", answer.GetProperty("timeLeft").GetString());
        Assert.Equal("from-function", answer.GetProperty("marker").GetString());
        var logs = await Poll.UntilAsync(() => host.LogLinesOf("amazon-shaped") is var lines && lines.Any(l => l.Contains("warned ada", StringComparison.Ordinal)) ? lines : null);
        Assert.Contains(logs, l => l.Contains("plain line from ada", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_ExecutableAssembly_RunsAsItIsWithLambdasExecutionEnv()
    {
        // When
        using var response = await host.InvokeAsync("managed-exe", "{}");

        // Then
        Assert.Equal("AWS_Lambda_dotnet10 {}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ColdStart_InitStartNamesTheDotnetRuntime()
    {
        // When
        await host.InvokeJsonAsync("managed-echo", new { });

        // Then
        await Poll.UntilAsync(() => host.LogLinesOf("managed-echo").Any(l => l.Contains("INIT_START Runtime Version: dotnet:10.ember", StringComparison.Ordinal)));
    }
}

/// <summary>A host with --dotnet-compat serving a dotnet8 class library (net8.0 runtimeconfig) on whatever newer .NET is here.</summary>
public sealed class DotnetCompatHostFixture : GeneratedTemplateHostFixture
{
    private protected override void WriteFunctions(string root)
    {
        var code = Path.Combine(root, "code");
        CopyFromTestOutput(code, "ManagedHello.dll", "Ember.Lambda.dll");
        File.WriteAllText(Path.Combine(code, "ManagedHello.runtimeconfig.json"), """
            { "runtimeOptions": { "tfm": "net8.0", "framework": { "name": "Microsoft.NETCore.App", "version": "8.0.0" } } }
            """);
        File.WriteAllText(Path.Combine(root, "template.yaml"), """
            Resources:
              Eight:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: on-eight, Runtime: dotnet8, Handler: "ManagedHello::ManagedHello.Functions::Echo", CodeUri: code, MemorySize: 1769, Timeout: 60 }
            """);
    }

    private protected override HostOptions With(HostOptions options) => options with { DotnetCompat = true };
}

public sealed class DotnetCompatTests(DotnetCompatHostFixture host) : IClassFixture<DotnetCompatHostFixture>
{
    [SkippableFact]
    public async Task Dotnet8WithoutDotnet8Here_RunsRolledForwardAndInitStartSaysSo()
    {
        var dotnets = Ember.Host.Runtimes.DotnetRuntimes.Discover(forOtherUsers: Ember.Host.Environments.SandboxUsers.Detect(out _) is not null);
        Skip.If(dotnets.Versions.Any(v => v.Major == 8), "this machine has .NET 8: dotnet8 runs on it, with nothing to roll forward");

        using var response = await host.InvokeAsync("on-eight", """{"eight":8}""");

        Assert.Equal("""{"eight":8}""", await response.Content.ReadAsStringAsync());
        var initStart = await Poll.UntilAsync(() => host.LogLinesOf("on-eight").FirstOrDefault(l => l.StartsWith("INIT_START", StringComparison.Ordinal)));
        Assert.Contains("dotnet:8.ember (on .NET 10.", initStart);
        Assert.Contains("--dotnet-compat)", initStart);
    }
}
