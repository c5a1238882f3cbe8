using System.CommandLine;
using Ember.Host;
using Ember.Host.Auth;
using Ember.Host.Templates;
using Microsoft.Extensions.Logging;

namespace Ember.Cli.Commands;

/// <summary>`ember up`: serve a template's functions until Ctrl+C.</summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var template = new Option<FileInfo>("--template", "-t") { Description = "The SAM template that declares the functions.", DefaultValueFactory = _ => new FileInfo("template.yaml") };
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 9001 };
        var dataDir = CommonOptions.DataDirectory();
        var idle = new Option<double>("--idle-minutes") { Description = "Minutes an idle environment stays warm before it is retired.", DefaultValueFactory = _ => 10 };
        var concurrency = new Option<int>("--concurrency") { Description = "Host-wide limit of concurrent invocations.", DefaultValueFactory = _ => 1000 };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Do not echo function logs to the terminal." };
        var noLimits = new Option<bool>("--no-limits") { Description = "Enforce no memory or CPU limit (peak memory is still measured)." };
        var noFreeze = new Option<bool>("--no-freeze") { Description = "Do not freeze environments between invocations." };
        var noAuth = new Option<bool>("--no-auth") { Description = "Take unsigned requests on the Invoke API and control plane (any local process may then create and run functions)." };
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "The host's own events on stderr (environments, crashes, timeouts, throttles): Trace, Debug, Information, Warning, Error, None.",
            DefaultValueFactory = _ => LogLevel.Information,
        };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "How host events are written: text (one line each) or json (one JSON object per line).",
            DefaultValueFactory = _ => "text",
        };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var noDynamoDb = new Option<bool>("--no-dynamodb") { Description = "Do not start the local DynamoDB server for the template's tables." };
        var dynamoDbPort = new Option<int>("--dynamodb-port")
        {
            Description = "Port of the local DynamoDB server on 127.0.0.1 (functions get it as AWS_ENDPOINT_URL_DYNAMODB).",
            DefaultValueFactory = _ => 8000,
        };
        var apiPort = new Option<int>("--api-port")
        {
            Description = "Port on 127.0.0.1 for the template's Api and HttpApi events (API Gateway's routes at the root; 0 picks a free one).",
            DefaultValueFactory = _ => 3000,
        };
        var api = new Option<string>("--api")
        {
            Description = "Serve only this API of the template (its logical id, or ServerlessRestApi / ServerlessHttpApi for the implicit ones).",
        };
        var sameUser = new Option<bool>("--same-user")
        {
            Description = "Run every environment as the host's user instead of its own unprivileged one (functions can then read each other's files and variables).",
        };
        var passCredentials = new Option<bool>("--pass-aws-credentials")
        {
            Description = "Give functions this shell's AWS credentials (to reach real AWS) instead of their own, which only this host accepts.",
        };
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError("--port must be between 0 and 65535.");
            }
        });
        apiPort.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError("--api-port must be between 0 and 65535.");
            }
        });
        idle.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() <= 0)
            {
                r.AddError("--idle-minutes must be greater than 0.");
            }
        });
        var eventAge = new Option<int>("--event-age")
        {
            Description = "Seconds an Event invocation may wait (throttled or for retries) before it is discarded, unless its event invoke config says otherwise (Lambda: 21600).",
            DefaultValueFactory = _ => 21_600,
        };
        var retryDelayScale = new Option<double>("--retry-delay-scale")
        {
            Description = "Multiplies the delays before a failed Event invocation's retries (Lambda: about 1 and 2 minutes); 0.01 makes them 0.6 and 1.2 s.",
            DefaultValueFactory = _ => 1,
        };
        var pythonCompat = new Option<bool>("--python-compat")
        {
            Description = "Run python3.X functions on this machine's python3 when it has no Python 3.X (else they are refused); INIT_START says so.",
        };
        var dotnetCompat = new Option<bool>("--dotnet-compat")
        {
            Description = "Run dotnetN functions on the newest .NET here (rolled forward) when it has no .NET N (else they are refused); INIT_START says so.",
        };
        eventAge.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 21_600)
            {
                r.AddError("--event-age must be from 1 to 21600 seconds.");
            }
        });
        retryDelayScale.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 100 || double.IsNaN(r.GetValueOrDefault<double>()))
            {
                r.AddError("--retry-delay-scale must be from 0 to 100.");
            }
        });
        concurrency.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--concurrency must be at least 1.");
            }
        });

        var command = new Command("up", "Serve the functions of a SAM template as Lambda does, on 127.0.0.1, until Ctrl+C.")
        {
            template, port, dataDir, idle, concurrency, quiet, noLimits, noFreeze, noAuth, passCredentials, sameUser, logLevel, logFormat, noDynamoDb, dynamoDbPort,
            apiPort, api, eventAge, retryDelayScale, pythonCompat, dotnetCompat,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var echo = parse.GetValue(quiet) ? null : (Action<string, string>)ConsoleLog.Function;
            // Disposed last: it flushes the host's final events (environments stopping).
            using var loggers = HostLogging.Create(parse.GetValue(logLevel), parse.GetValue(logFormat) == "json");
            var options = new HostOptions
            {
                TemplatePath = parse.GetValue(template)!.FullName,
                Port = parse.GetValue(port),
                DataDirectory = parse.GetValue(dataDir)!.FullName,
                IdleTimeout = TimeSpan.FromMinutes(parse.GetValue(idle)),
                ConcurrencyLimit = parse.GetValue(concurrency),
                EventMaxAge = TimeSpan.FromSeconds(parse.GetValue(eventAge)),
                PythonCompat = parse.GetValue(pythonCompat),
                DotnetCompat = parse.GetValue(dotnetCompat),
                EventRetryDelays = [.. new HostOptions().EventRetryDelays.Select(d => d * parse.GetValue(retryDelayScale))],
                LogEcho = echo,
                NoLimits = parse.GetValue(noLimits),
                Freeze = !parse.GetValue(noFreeze),
                Output = ConsoleLog.Host,
                Credentials = parse.GetValue(noAuth) ? null : HostCredentials.LoadOrCreate(parse.GetValue(dataDir)!.FullName),
                PassAwsCredentials = parse.GetValue(passCredentials),
                SandboxUsers = !parse.GetValue(sameUser),
                DynamoDb = !parse.GetValue(noDynamoDb),
                DynamoDbPort = parse.GetValue(dynamoDbPort),
                ApiPort = parse.GetValue(apiPort),
                Api = parse.GetValue(api),
                LoggerFactory = loggers,
            };
            return await RunAsync(options, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(HostOptions options, CancellationToken cancellationToken)
    {
        EmberHost host;
        try
        {
            host = await EmberHost.StartAsync(options, cancellationToken);
        }
        catch (TemplateException e)
        {
            Console.Error.WriteLine($"ember: the template cannot be served. {e.Message}");
            return 2;
        }
        catch (HostStartException e)
        {
            Console.Error.WriteLine($"ember: {e.Message}");
            return 1;
        }

        await using (host)
        {
            Console.WriteLine($"Ember is serving {host.Functions.All.Count} function(s) on {host.BaseAddress}  (data: {options.DataDirectory})");
            Console.WriteLine($"Environments: {host.Isolation.Description.TrimEnd('.')}.");
            if (host.Users is not null)
            {
                Console.WriteLine("Users: each environment runs as its own unprivileged user, as Lambda's sbx_user; code must be readable by others (chmod 644, 755).");
            }
            foreach (var function in host.Functions.All)
            {
                var c = function.Configuration;
                var url = function.Url is not { } u ? "no Function URL" : $"{host.FunctionUrl(function.Name)}  ({u.UrlAuthType})";
                Console.WriteLine($"  {function.Name,-28} {c.Runtime,-16} {c.MemoryMb,6} MB   {url}");
            }
            if (host.ApiRoutes is { } routes && host.ApiAddress is { } apiAddress)
            {
                Console.WriteLine();
                Console.WriteLine($"API Gateway on {apiAddress}:");
                foreach (var route in routes.Routes)
                {
                    var apiOf = routes.Apis[route.ApiId];
                    var where = route.Path == Ember.Host.Templates.TemplateApiRoute.DefaultRoute ? "$default (anything else)" : route.Path;
                    Console.WriteLine($"  {route.Method,-7} {apiAddress.ToString().TrimEnd('/')}{(where.StartsWith('/') ? where : " " + where)}  → {route.FunctionName}  "
                        + $"({(apiOf.Kind == Ember.Host.Templates.ApiKind.Rest ? "REST" : "HTTP")} API {apiOf.LogicalId}, stage {apiOf.Stage}, payload {route.PayloadFormat})");
                }
            }
            Console.WriteLine();
            var endpoint = host.BaseAddress.ToString().TrimEnd('/');
            if (options.Credentials is null)
            {
                Console.WriteLine("Authentication: off (--no-auth). Any process on this machine can create and run functions through this host.");
            }
            else
            {
                Console.WriteLine($"Authentication: SigV4, as Lambda. The credentials are in {HostCredentials.PathIn(options.DataDirectory)}; for a shell:");
                Console.WriteLine($"  eval \"$(./ember env --data-dir {options.DataDirectory} --port {host.BaseAddress.Port})\"");
            }
            Console.WriteLine(options.PassAwsCredentials
                ? "Functions get this shell's AWS credentials (--pass-aws-credentials), not their own: they can reach real AWS, not this host."
                : "Functions get their own credentials, allowed on this host what their template's Policies allow.");
            Console.WriteLine($"Invoke:  aws lambda invoke --endpoint-url {endpoint} --function-name NAME out.json");
            Console.WriteLine("Press Ctrl+C to stop.");

            var stopped = new TaskCompletionSource();
            using var registration = cancellationToken.Register(() => stopped.TrySetResult());
            using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stopped.TrySetResult();
            });
            await stopped.Task;
            Console.WriteLine("Stopping: shutting every environment down...");
        }
        return 0;
    }
}
