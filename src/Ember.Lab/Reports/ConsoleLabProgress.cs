using Ember.Lab.Runner;
using Spectre.Console;

namespace Ember.Lab.Reports;

/// <summary>Progress on the terminal: one line per finished step, with its place in the run.</summary>
internal sealed class ConsoleLabProgress(IAnsiConsole console) : ILabProgress
{
    public void Started(int totalSteps) => console.MarkupLine($"[grey]lab: {totalSteps} steps[/]");

    public void StepCompleted(LabProgressStep step) =>
        console.MarkupLine(
            $"[grey][[{step.CompletedSteps,4}/{step.TotalSteps}]][/] {step.Phase.ToString().ToLowerInvariant(),-4} " +
            $"{Markup.Escape(step.Runtime),-12} {ReportFormat.Events(step.PayloadEvents),7} events {step.MemoryMb} MB  round {step.Round}/{step.Rounds}");

    public void Note(string message) => console.MarkupLine($"[yellow]{Markup.Escape(message)}[/]");

    public void Finished() => console.MarkupLine("[green]lab: measurements done[/]");
}
