using Ember.Lab.Reports;
using Ember.Lab.Runner;
using Ember.Lab.Tests.Support;
using Spectre.Console;

namespace Ember.Lab.Tests.Reports;

public sealed class TerminalPresenterTests
{
    [Fact]
    public void Present_SyntheticResults_PrintsTheSameFiguresAsTheReport()
    {
        // Given a plain, wide console writing to a string
        var results = SyntheticResults.Create();
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 250;

        // When the results are presented
        TerminalPresenter.Present(results, console);

        // Then the tables and their numbers are there
        var text = output.ToString();
        var warm = results.Find("go", 5_000, 512, LabPhase.Warm)!;
        Assert.Contains("Latency per payload size and runtime", text, StringComparison.Ordinal);
        Assert.Contains("Speedup against Python", text, StringComparison.Ordinal);
        Assert.Contains("Cost per million invocations", text, StringComparison.Ordinal);
        Assert.Contains(ReportFormat.Ms(warm.Client.P95Ms), text, StringComparison.Ordinal);
        Assert.Contains(ReportFormat.Usd(warm.CostPerMillionArm), text, StringComparison.Ordinal);
        Assert.Contains("Init Duration against AWS (published)", text, StringComparison.Ordinal);
        Assert.Contains("published: .NET 10 AOT", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsoleLabProgress_Step_PrintsItsPlaceInTheRun()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = 200;
        var progress = new ConsoleLabProgress(console);

        progress.StepCompleted(new LabProgressStep(LabPhase.Warm, "python", 20_000, 512, 2, 5, 7, 120));

        Assert.Contains("7/120", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("python", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("20,000 events", output.ToString(), StringComparison.Ordinal);
    }
}
