namespace Ember.Cli.Commands;

/// <summary>Where `ember up` prints: function log lines prefixed by the function, host lines plain.</summary>
internal static class ConsoleLog
{
    private static readonly Lock s_gate = new();

    public static void Function(string function, string line)
    {
        lock (s_gate)
        {
            Console.Out.Write('[');
            Console.Out.Write(function);
            Console.Out.Write("] ");
            Console.Out.WriteLine(line);
        }
    }

    public static void Host(string message)
    {
        lock (s_gate)
        {
            Console.Error.WriteLine("ember: " + message);
        }
    }
}
