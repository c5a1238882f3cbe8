using System.CommandLine;

namespace Ember.Cli.Commands;

/// <summary>Every `ember` sub-command, in the order `ember --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return UpCommand.Create();
        yield return InvokeCommand.Create();
        yield return EnvCommand.Create();
        yield return LogsCommand.Create();
        yield return EventsCommand.Create();
        yield return LabCommand.Create();
        yield return TuneCommand.Create();
        yield return BenchCommand.Create();
        yield return PayloadCommand.Create();
        yield return TelemetryComputeCommand.Create();
        yield return PackageCommand.Create();
    }
}
