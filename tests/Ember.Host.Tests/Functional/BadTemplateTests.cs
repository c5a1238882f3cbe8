using Ember.Host.Templates;

namespace Ember.Host.Tests.Functional;

public sealed class BadTemplateTests
{
    [Fact]
    public async Task Start_BootstrapNotExecutableAndMissingModule_ReportsBothAndDoesNotListen()
    {
        using var temp = new TempDirectory("ember-bad-");
        var dir = temp.Path;
        Directory.CreateDirectory(Path.Combine(dir, "custom"));
        File.WriteAllText(Path.Combine(dir, "custom", "bootstrap"), "#!/bin/sh\n");
        Directory.CreateDirectory(Path.Combine(dir, "py"));
        File.WriteAllText(Path.Combine(dir, "template.yaml"), """
            Resources:
              Custom:
                Type: AWS::Serverless::Function
                Properties: { Runtime: provided.al2023, Handler: bootstrap, CodeUri: custom }
              Py:
                Type: AWS::Serverless::Function
                Properties: { Runtime: python3.12, Handler: missing.handler, CodeUri: py }
            """);

        var e = await Assert.ThrowsAsync<TemplateException>(() => EmberHost.StartAsync(new HostOptions
        {
            PythonCompat = true,
            TemplatePath = Path.Combine(dir, "template.yaml"),
            Port = 0,
            DataDirectory = Path.Combine(dir, "data"),
        }));

        Assert.Contains(e.Problems, p => p.Function == "Custom" && p.Message.Contains("is not executable; run chmod +x"));
        Assert.Contains(e.Problems, p => p.Function == "Py" && p.Message.Contains("missing.py"));
    }

    [Fact]
    public async Task Start_ProblemsOfReadingAndOfTheCode_AreReportedInOneStart()
    {
        using var temp = new TempDirectory("ember-bad-");
        var dir = temp.Path;
        Directory.CreateDirectory(Path.Combine(dir, "py"));
        File.WriteAllText(Path.Combine(dir, "template.yaml"), """
            Resources:
              Unknown:
                Type: AWS::Serverless::Function
                Properties: { Runtime: cobol9, Handler: x, CodeUri: py }
              Py:
                Type: AWS::Serverless::Function
                Properties: { Runtime: python3.12, Handler: missing.handler, CodeUri: py }
              Managed:
                Type: AWS::Serverless::Function
                Properties: { Runtime: dotnet10, Handler: "Nope::N.T::M", CodeUri: py }
            """);

        var e = await Assert.ThrowsAsync<TemplateException>(() => EmberHost.StartAsync(new HostOptions
        {
            PythonCompat = true,
            TemplatePath = Path.Combine(dir, "template.yaml"),
            Port = 0,
            DataDirectory = Path.Combine(dir, "data"),
        }));

        // The reader's problem, and those only looking at the code finds, in the same report.
        Assert.Contains(e.Problems, p => p.Function == "Unknown" && p.Message.Contains("runtime 'cobol9' is not supported"));
        Assert.Contains(e.Problems, p => p.Function == "Py" && p.Message.Contains("missing.py"));
        Assert.Contains(e.Problems, p => p.Function == "Managed" && p.Message.Contains("names assembly Nope"));
    }
}
