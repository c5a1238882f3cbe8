using System.Diagnostics;
using System.Globalization;
using Ember.Host.Functions;
using Ember.Host.Environments.Isolation;

namespace Ember.Host.Environments;

/// <summary>
/// The runtime process of one execution environment: its clean Lambda environment variables, its
/// start inside the sandbox, its output, signals and how it ended. Knows nothing of invocations or
/// of the environment's lifecycle.
/// </summary>
internal sealed class EnvironmentProcess : IDisposable
{
    private readonly Process _process;
    private readonly ProcessOutputPump _stdout;
    private readonly ProcessOutputPump _stderr;

    private EnvironmentProcess(Process process, Action<string> output)
    {
        _process = process;
        _process.StandardInput.Close();
        _stdout = new ProcessOutputPump(process.StandardOutput.BaseStream, output);
        _stderr = new ProcessOutputPump(process.StandardError.BaseStream, output);
    }

    public int Id => _process.Id;

    /// <summary>
    /// Starts the runtime inside <paramref name="sandbox"/>, with <paramref name="onExit"/> raised once
    /// when it exits and every line it writes passed to <paramref name="output"/>. Throws what
    /// <see cref="Process.Start()"/> throws when the executable cannot be started.
    /// </summary>
    public static EnvironmentProcess Start(ProcessStartInfo start, IEnvironmentSandbox sandbox, Action<string> output, Action onExit)
    {
        sandbox.Prepare(start);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Exited += (_, _) => onExit();
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }
        sandbox.Attach(process);
        return new EnvironmentProcess(process, output);
    }

    /// <summary>The start information of a runtime: a clean environment holding only what Lambda sets, then the function's own variables.</summary>
    /// <remarks>With an <paramref name="identity"/>, the program runs as that user, with HOME its own temporary directory.</remarks>
    public static ProcessStartInfo StartInfo(EnvironmentSettings settings, string runtimeApi, string logStreamName, string? tempDirectory = null,
        SandboxIdentity? identity = null)
    {
        var config = settings.Configuration;
        var launch = settings.Launch;
        var start = new ProcessStartInfo(launch.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = config.CodeDirectory,
        };
        foreach (var argument in launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var env = start.Environment;
        var inherited = new Dictionary<string, string?>(env);
        env.Clear();
        env["PATH"] = "/usr/local/bin:/usr/bin:/bin:/opt/bin" + (inherited.GetValueOrDefault("PATH") is { Length: > 0 } p ? ":" + p : "");
        env["LD_LIBRARY_PATH"] = $"{config.CodeDirectory}:{config.CodeDirectory}/lib:/lib64:/usr/lib64";
        env["LANG"] = "en_US.UTF-8";
        env["TZ"] = ":UTC";
        foreach (var passThrough in identity is null ? ["DOTNET_ROOT", "HOME"] : new[] { "DOTNET_ROOT" })
        {
            if (inherited.GetValueOrDefault(passThrough) is { } value)
            {
                env[passThrough] = value;
            }
        }
        if (tempDirectory is not null)
        {
            // The environment's own temporary directory, as each Lambda environment has its own /tmp.
            // Running as its own user, the directory is mounted at /tmp in the environment's own
            // mount namespace, so even the literal path /tmp is its own (and HOME points there).
            env["TMPDIR"] = identity is null ? tempDirectory : "/tmp";
            if (identity is not null)
            {
                env["HOME"] = "/tmp";
            }
        }
        env["_HANDLER"] = config.Handler;
        env["AWS_REGION"] = settings.Region;
        env["AWS_DEFAULT_REGION"] = settings.Region;
        if (launch.ExecutionEnv is not null)
        {
            env["AWS_EXECUTION_ENV"] = launch.ExecutionEnv;
        }
        env["AWS_LAMBDA_FUNCTION_NAME"] = config.Name;
        env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = config.MemoryMb.ToString(CultureInfo.InvariantCulture);
        env["AWS_LAMBDA_FUNCTION_VERSION"] = settings.Version;
        env["AWS_LAMBDA_INITIALIZATION_TYPE"] = settings.InitializationType;
        env["AWS_LAMBDA_LOG_GROUP_NAME"] = config.Logging?.LogGroup ?? "/aws/lambda/" + config.Name;
        if (config.Logging is { IsJson: true } logging)
        {
            // As Lambda tells runtimes under advanced logging controls: the format, and the level below which they drop records.
            env["AWS_LAMBDA_LOG_FORMAT"] = LoggingConfig.Json;
            env["AWS_LAMBDA_LOG_LEVEL"] = logging.ApplicationLevel;
        }
        env["AWS_LAMBDA_LOG_STREAM_NAME"] = logStreamName;
        env["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        env["LAMBDA_TASK_ROOT"] = config.CodeDirectory;
        env["LAMBDA_RUNTIME_DIR"] = launch.RuntimeDirectory;
        if (config.PerEnvironmentConcurrency > 1)
        {
            env["AWS_LAMBDA_MAX_CONCURRENCY"] = config.PerEnvironmentConcurrency.ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in settings.AwsVariables())
        {
            env[key] = value;
        }
        foreach (var (key, value) in config.Environment)
        {
            env[key] = value;
        }
        if (identity is { } user)
        {
            SandboxUsers.Wrap(start, user, tempDirectory, [config.CodeDirectory, launch.RuntimeDirectory]);
        }
        return start;
    }

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>The exit code; null while running or when unknown.</summary>
    public int? ExitCode
    {
        get
        {
            try
            {
                return _process.HasExited ? _process.ExitCode : null;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }

    /// <summary>How the process ended, in the words of Lambda's Runtime.ExitError ("exit status 1", "signal: killed").</summary>
    public string ExitReason => ExitCode switch
    {
        null => "exit status unknown",
        // .NET reports death by signal N as 128 + N.
        137 => "signal: killed",
        134 => "signal: aborted",
        139 => "signal: segmentation fault",
        143 => "signal: terminated",
        { } code => string.Create(CultureInfo.InvariantCulture, $"exit status {code}"),
    };

    /// <summary>Passes on, within <paramref name="limit"/>, what the process has written so far, so END follows the function's own output.</summary>
    public async ValueTask DrainOutputAsync(TimeSpan limit)
    {
        await _stdout.DrainAsync(limit).ConfigureAwait(false);
        await _stderr.DrainAsync(limit).ConfigureAwait(false);
    }

    /// <summary>Completes when both output streams have reached their end, or after <paramref name="limit"/>.</summary>
    public Task OutputClosedAsync(TimeSpan limit) =>
        Task.WhenAny(Task.WhenAll(_stdout.Completion, _stderr.Completion), Task.Delay(limit));

    /// <summary>SIGTERM, then <paramref name="grace"/>, then SIGKILL of the whole tree, as Lambda's SHUTDOWN phase does.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            return;
        }
        ProcFs.Signal(_process.Id, ProcFs.SigTerm);
        using var timer = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill: waiting below returns at once.
            }
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _process.Dispose();
}
