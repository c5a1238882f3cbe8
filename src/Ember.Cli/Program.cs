using System.CommandLine;
using Ember.Cli.Commands;

// The `ember` command line: thin, it wires the other projects together.
// Each command lives in Commands/ and is added here.
// Piped or redirected, the tables keep their width (Spectre would squeeze them into 80 columns,
// one character per line in places): whoever reads a file or a pipe has no terminal to fit.
if (Console.IsOutputRedirected)
{
    Spectre.Console.AnsiConsole.Profile.Width = 250;
}

var root = new RootCommand("Ember: run and measure AWS Lambda functions locally, side by side.");
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

// Ctrl+C cancels the command's token; the command then has this long to finish (the lab and
// tune write what they measured, `ember up` stops its environments) before the process ends.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) };

// No response files: `--payload @event.json` is Ember's (and the AWS CLI's) way to name a file.
var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
if (parse.Errors.Count > 0)
{
    // Bad arguments exit 2, as the docs say (System.CommandLine's own default is 1), with its
    // messages and the command's help.
    await parse.InvokeAsync(invocation);
    return 2;
}
return await parse.InvokeAsync(invocation);
