using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Ember.Host.Environments.Isolation;
using Ember.Host.Templates;

namespace Ember.Host.DynamoDb;

/// <summary>
/// A real DynamoDB API on 127.0.0.1 for templates that declare tables: dynalite (Node.js, LevelDB
/// under the data directory, so items survive a restart), installed from the project's pinned
/// <c>tools/dynamodb</c> on first need, with the template's tables created (an existing one is kept).
/// Functions get its address as <c>AWS_ENDPOINT_URL_DYNAMODB</c>. Stopped with the host.
/// </summary>
internal sealed partial class LocalDynamoDb : IAsyncDisposable
{
    private readonly Process _process;

    private readonly string _pidFile;

    private LocalDynamoDb(Process process, Uri endpoint, string pidFile)
    {
        _process = process;
        Endpoint = endpoint;
        _pidFile = pidFile;
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri Endpoint { get; }

    public static async Task<LocalDynamoDb> StartAsync(IReadOnlyList<TemplateTable> tables, string dataDirectory, int port, string region,
        Action<string> say, CancellationToken cancellationToken)
    {
        var tools = FindTools() ?? throw new HostStartException(
            "the template declares DynamoDB tables, but tools/dynamodb (the local DynamoDB server's package) is not beside this Ember; use --no-dynamodb.");
        var cli = Path.Combine(tools, "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            say("installing the local DynamoDB server (dynalite, pinned in tools/dynamodb; first use)...");
            await RunInstallAsync(tools, cancellationToken).ConfigureAwait(false);
        }
        var store = Path.Combine(dataDirectory, "dynamodb");
        Directory.CreateDirectory(store);
        var pidFile = Path.Combine(dataDirectory, "dynamodb.pid");
        StopLeftover(pidFile);
        if (port == 0)
        {
            // dynalite reads --port 0 as "not given" (its default, 4567): pick a free port for it.
            using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cli, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--path", store,
            "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0" })
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new HostStartException($"the template declares DynamoDB tables, but Node.js could not be started ({e.Message}); install nodejs, or use --no-dynamodb.", e);
        }

        // dynalite says where it listens once it does: "Dynalite listening at: http://127.0.0.1:8000".
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var listening = await ReadListeningPortAsync(process.StandardOutput, cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (listening is null)
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var reason = (await errors.ConfigureAwait(false)).Trim();
            process.Dispose();
            throw new HostStartException($"the local DynamoDB server did not start on 127.0.0.1:{port}: {(reason.Length > 0 ? reason : "it exited")}. "
                + "Is another one running? Pick another port with --dynamodb-port, or use --no-dynamodb.");
        }
        // A host killed with -9 cannot stop its server: the next one on this data directory does (StopLeftover).
        await File.WriteAllTextAsync(pidFile, string.Create(CultureInfo.InvariantCulture,
            $"{process.Id} {ProcFs.StartTime(process.Id)}"), CancellationToken.None).ConfigureAwait(false);
        // Drained, so that dynalite never blocks on a full pipe; there is nothing in it to report.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        var server = new LocalDynamoDb(process, new Uri($"http://127.0.0.1:{listening}"), pidFile);
        try
        {
            await server.CreateTablesAsync(tables, region, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw new HostStartException($"the local DynamoDB server could not create the template's tables: {e.Message}", e);
        }
        return server;
    }

    /// <summary>
    /// Stops the server an earlier host on this data directory left running (it was killed before it
    /// could stop it): the process of the pid file, if it is still that process (same start time) and dynalite.
    /// </summary>
    private static void StopLeftover(string pidFile)
    {
        string[] parts;
        try
        {
            parts = File.ReadAllText(pidFile).Split(' ');
        }
        catch (IOException)
        {
            return;
        }
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var started)
            && ProcFs.StartTime(pid) == started)
        {
            try
            {
                using var leftover = Process.GetProcessById(pid);
                if (File.ReadAllText($"/proc/{pid}/cmdline").Contains("dynalite", StringComparison.Ordinal))
                {
                    leftover.Kill(entireProcessTree: true);
                    leftover.WaitForExit(TimeSpan.FromSeconds(5));
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // Gone in the meantime, or not ours to stop: the port check below says what is wrong.
            }
        }
        File.Delete(pidFile);
    }

    /// <summary>A client of this server, as a function's SDK would make one.</summary>
    public AmazonDynamoDBClient Client(string region) =>
        new(new BasicAWSCredentials("ember", "ember"), new AmazonDynamoDBConfig { ServiceURL = Endpoint.ToString(), AuthenticationRegion = region });

    private async Task CreateTablesAsync(IReadOnlyList<TemplateTable> tables, string region, CancellationToken cancellationToken)
    {
        using var client = Client(region);
        var existing = (await client.ListTablesAsync(new ListTablesRequest(), cancellationToken).ConfigureAwait(false)).TableNames ?? [];
        foreach (var table in tables.Where(t => !existing.Contains(t.Name)))
        {
            await client.CreateTableAsync(new CreateTableRequest
            {
                TableName = table.Name,
                KeySchema = [.. table.Keys.Select(k => new KeySchemaElement(k.AttributeName, k.KeyType))],
                AttributeDefinitions = [.. table.Keys.Select(k => new AttributeDefinition(k.AttributeName, k.AttributeType))],
                BillingMode = BillingMode.PAY_PER_REQUEST,
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int?> ReadListeningPortAsync(StreamReader output, CancellationToken cancellationToken)
    {
        while (await output.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    private static async Task RunInstallAsync(string tools, CancellationToken cancellationToken)
    {
        var install = new ProcessStartInfo(Path.Combine(tools, "install.sh")) { UseShellExecute = false, RedirectStandardError = true };
        using var process = Process.Start(install)!;
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new HostStartException($"installing the local DynamoDB server failed ({tools}/install.sh): {errors.Trim()}; or use --no-dynamodb.");
        }
    }

    /// <summary>The project's tools/dynamodb folder, looked for above the host's binaries and the current directory.</summary>
    private static string? FindTools()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tools", "dynamodb");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
        _process.Dispose();
        File.Delete(_pidFile);
    }

    [GeneratedRegex(@"listening at: https?://[^:]+:(\d+)")]
    private static partial Regex ListeningLine();
}
