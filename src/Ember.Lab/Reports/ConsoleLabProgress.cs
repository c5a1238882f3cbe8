using Ember.Lab.Runner;
using Spectre.Console;

namespace Ember.Lab.Reports;

/// <summary>Progress on the terminal: one line per finished step, with its place in the run.</summary>
internal sealed class ConsoleLabProgress(IAnsiConsole console, TimeProvider? time = null) : ILabProgress
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _started;

    public void Started(int totalSteps)
    {
        _started = _time.GetTimestamp();
        console.MarkupLine($"[grey]lab: {totalSteps} steps[/]");
    }

    public void StepCompleted(LabProgressStep step) =>
        console.MarkupLine(
            $"[grey][[{step.CompletedSteps,4}/{step.TotalSteps}]][/] {step.Phase.ToString().ToLowerInvariant(),-5} " +
            $"{Markup.Escape(step.Runtime),-12} {Markup.Escape(step.PayloadDescription ?? ReportFormat.Events(step.PayloadEvents) + " events"),14} {step.MemoryMb} MB  round {step.Round}/{step.Rounds}" +
            $"[grey]{Eta(step)}[/]");

    /// <summary>The time left, from the pace so far (steps differ in length, so it is a guide, not a promise).</summary>
    private string Eta(LabProgressStep step)
    {
        if (step.CompletedSteps == 0 || step.CompletedSteps >= step.TotalSteps)
        {
            return "";
        }
        var elapsed = _time.GetElapsedTime(_started);
        var left = elapsed * ((double)(step.TotalSteps - step.CompletedSteps) / step.CompletedSteps);
        return left.TotalMinutes >= 1 ? $"  ~{(int)left.TotalMinutes} min {left.Seconds:00} s left" : $"  ~{left.Seconds} s left";
    }

    public void Note(string message) => console.MarkupLine($"[yellow]{Markup.Escape(message)}[/]");

    public void Finished() => console.MarkupLine("[green]lab: measurements done[/]");
}
