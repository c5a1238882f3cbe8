using System.CommandLine;

namespace Ember.Cli.Commands;

/// <summary>Options several commands share, defined once.</summary>
internal static class CommonOptions
{
    public static Option<DirectoryInfo> DataDirectory() => new("--data-dir")
    {
        Description = "Where invocation records and logs are kept.",
        DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Environment.CurrentDirectory, ".ember", "data")),
    };

    public static Option<string> Endpoint() => new("--endpoint-url")
    {
        Description = "The running host.",
        DefaultValueFactory = _ => "http://127.0.0.1:9001",
    };
}
