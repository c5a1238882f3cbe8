using Microsoft.Extensions.Logging;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>
/// One real host for a test class: the functions of Functions/template.yaml, real processes, on
/// 127.0.0.1 with a free port. Stopped (every environment shut down) when the class is done.
/// A test that needs other host options (a short limit, a few functions, no template at all)
/// derives a fixture that overrides <see cref="Configure"/>.
/// </summary>
public class HostFixture : IAsyncLifetime
{
    private readonly List<string> _log = [];

    internal EmberHost Host { get; private set; } = null!;

    /// <summary>The host's own events (Debug and up), as `ember up --log-level debug` would print them.</summary>
    public HostEvents Events { get; } = new();

    private ILoggerFactory? _loggers;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "ember-tests-" + Guid.NewGuid().ToString("N")[..8]);
    public static string FunctionsDirectory => Path.Combine(AppContext.BaseDirectory, "Functions");

    public IReadOnlyList<string> LogLines
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>The options of this fixture's host, from the defaults every functional test shares.</summary>
    private protected virtual HostOptions Configure(HostOptions options) => options;

    public async Task InitializeAsync() => await StartAsync();

    /// <summary>Stops the host (every environment) and starts a new one on the same data directory.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        await StartAsync();
    }

    private async Task StartAsync()
    {
        Host = await EmberHost.StartAsync(Configure(new HostOptions
        {
            PythonCompat = true,
            TemplatePath = Path.Combine(FunctionsDirectory, "template.yaml"),
            Port = 0,
            DataDirectory = DataDirectory,
            EventRetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)],
            LoggerFactory = _loggers ??= LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Events)),
            LogEcho = (function, line) =>
            {
                lock (_log)
                {
                    _log.Add($"[{function}] {line}");
                }
            },
        }));
    }

    /// <summary>The log lines of one function, without the "[function] " prefix.</summary>
    public IReadOnlyList<string> LogLinesOf(string function) =>
        [.. LogLines.Where(l => l.StartsWith($"[{function}] ", StringComparison.Ordinal)).Select(l => l[(function.Length + 3)..])];

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _loggers?.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public string InvokeUrl(string function) => $"{Host.BaseAddress}2015-03-31/functions/{function}/invocations";

    public async Task<HttpResponseMessage> InvokeAsync(string function, object? payload = null, Action<HttpRequestMessage>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, InvokeUrl(function))
        {
            Content = new StringContent(payload is string s ? s : JsonSerializer.Serialize(payload ?? new { }), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        configure?.Invoke(request);
        return await Http.SendAsync(request, cancellationToken);
    }

    public async Task<JsonElement> InvokeJsonAsync(string function, object? payload = null)
    {
        using var response = await InvokeAsync(function, payload);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"), text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The REPORT line of an invocation, once the host has written it.</summary>
    public async Task<string> ReportLineAsync(string requestId) =>
        await Poll.UntilAsync(() => LogLines.FirstOrDefault(l => l.Contains("REPORT RequestId: " + requestId, StringComparison.Ordinal)));

    public void Dump(ITestOutputHelper output)
    {
        foreach (var line in LogLines.TakeLast(60))
        {
            output.WriteLine(line);
        }
    }
}
