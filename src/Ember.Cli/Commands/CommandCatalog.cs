using System.CommandLine;

namespace Ember.Cli.Commands;

/// <summary>Every `ember` sub-command, in the order `ember --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return PackageCommand.Create();
    }
}
