using System.CommandLine;
using Ember.Cli.Commands;

// The `ember` command line: thin, it wires the other projects together.
// Each command lives in Commands/ and is added here.
var root = new RootCommand("Ember: run and measure AWS Lambda functions locally, side by side.");
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

// No response files: `--payload @event.json` is Ember's (and the AWS CLI's) way to name a file.
return await root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync();
