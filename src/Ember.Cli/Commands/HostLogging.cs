using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Ember.Cli.Commands;

/// <summary>The host's own events on stderr, one line each (or one JSON object per line), apart from functions' logs on stdout.</summary>
internal static class HostLogging
{
    public static ILoggerFactory Create(LogLevel minimum, bool json) => LoggerFactory.Create(logging =>
    {
        logging.SetMinimumLevel(minimum);
        if (json)
        {
            logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
            });
        }
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    });
}
