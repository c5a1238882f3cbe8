using System.Collections.Immutable;
using Ember.Host.Environments;
using Ember.Host.Functions;
using Ember.Host.Runtimes;
using Ember.Host.Wire;

using Ember.Host.Logs;

namespace Ember.Host.ControlPlane;

/// <summary>
/// Lambda's control plane over the running host: create, update, publish, alias, concurrency and
/// URL settings. Every change to a function is serialised by its change gate, applied to its
/// environment pools (a new configuration retires the old environments) and stored.
/// </summary>
internal sealed partial class ControlPlaneService
{
    private readonly FunctionCatalog _functions;
    private readonly FunctionStore _store;

    public ControlPlaneService(FunctionCatalog functions, FunctionStore store)
    {
        _functions = functions;
        _store = store;
    }

    private string Region => _functions.Region;

    /// <summary>Keeps a change to a function made through the API (its permissions, its tags) across restarts.</summary>
    public void Save(LambdaFunction function) => _store.Save(function);

    /// <summary>The functions this control plane manages.</summary>
    public FunctionCatalog Functions => _functions;

    public LambdaFunction Find(string name) =>
        _functions.TryGet(name, out var function) ? function : throw ControlPlaneException.FunctionNotFound(HostIdentity.FunctionArn(Region, name));

    /// <summary>The configuration a qualifier names for reading: $LATEST, a version, or an alias's version.</summary>
    public (LambdaFunction Function, string Version, FunctionConfiguration Configuration) FindQualified(string name, string? qualifier)
    {
        var function = Find(name);
        var version = function.VersionOf(qualifier);
        if (version == ControlPlaneValues.Latest)
        {
            return (function, ControlPlaneValues.Latest, function.Configuration);
        }
        return function.Versions.TryGetValue(version, out var published)
            ? (function, version, published.Configuration)
            : throw ControlPlaneException.FunctionNotFound(HostIdentity.FunctionArn(Region, name, qualifier));
    }

    public async Task<LambdaFunction> CreateFunctionAsync(FunctionConfiguration configuration, byte[] zip, bool publish)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = FunctionValidation.Check(configuration);
        if (_functions.Launchers.WhyNot(configuration.Runtime) is { } unavailable)
        {
            problems.Add(unavailable);
        }
        if (problems.Count > 0)
        {
            throw ControlPlaneException.InvalidParameters(problems);
        }
        if (_functions.TryGet(configuration.Name, out _))
        {
            throw ControlPlaneException.Conflict($"Function already exist: {configuration.Name}");
        }
        var package = CodePackage.Extract(_functions.DataDirectory, configuration.Name, zip);
        if (StartCheck.Problem(configuration.Runtime, configuration.Handler, package.Directory) is { } problem)
        {
            // Lambda would accept this and fail every invoke; refusing it here says why at once,
            // and the refused code does not stay on disk.
            RemoveCode(configuration.Name, null, package.Directory);
            throw ControlPlaneException.InvalidParameter(problem);
        }
        configuration = configuration with { CodeDirectory = package.Directory, CodeSha256 = package.Sha256, CodeSizeBytes = package.Size };
        var function = _functions.Add(configuration, fromTemplate: false)
            ?? throw ControlPlaneException.Conflict($"Function already exist: {configuration.Name}");
        await function.ChangeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (publish)
            {
                Publish(function, null);
            }
            _store.Save(function);
        }
        finally
        {
            function.ChangeGate.Release();
        }
        return function;
    }

    /// <summary>
    /// Applies a new $LATEST configuration. <paramref name="inProgress"/> sees the function while its
    /// LastUpdateStatus is InProgress (what UpdateFunctionConfiguration answers, as on Lambda); when
    /// this returns the status is Successful, or Failed with a reason and the old configuration kept.
    /// </summary>
    public async Task UpdateConfigurationAsync(string name, Func<FunctionConfiguration, FunctionConfiguration> change, Action<LambdaFunction, FunctionConfiguration>? inProgress = null, string? revisionId = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        var function = Find(name);
        await function.ChangeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            CheckRevision(function, revisionId);
            var old = function.Configuration;
            var next = change(old);
            if (next.Name != old.Name)
            {
                throw ControlPlaneException.InvalidParameter("FunctionName cannot be changed by an update.");
            }
            var problems = FunctionValidation.Check(next);
            if (next.Runtime != function.Configuration.Runtime && _functions.Launchers.WhyNot(next.Runtime) is { } unavailable)
            {
                problems.Add(unavailable);
            }
            if (problems.Count > 0)
            {
                throw ControlPlaneException.InvalidParameters(problems);
            }
            Apply(function, next, inProgress);
        }
        finally
        {
            function.ChangeGate.Release();
        }
    }

    public async Task UpdateCodeAsync(string name, byte[] zip, Action<LambdaFunction, FunctionConfiguration>? inProgress = null, string? revisionId = null, bool publish = false)
    {
        var function = Find(name);
        await function.ChangeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            CheckRevision(function, revisionId);
            var package = CodePackage.Extract(_functions.DataDirectory, name, zip);
            var next = function.Configuration with { CodeDirectory = package.Directory, CodeSha256 = package.Sha256, CodeSizeBytes = package.Size };
            Apply(function, next, inProgress);
            if (function.LastUpdateStatus == ControlPlaneValues.UpdateFailed)
            {
                RemoveCode(name, function, package.Directory);
            }
            if (publish && function.LastUpdateStatus == ControlPlaneValues.UpdateSuccessful)
            {
                Publish(function, null);
                _store.Save(function);
            }
        }
        finally
        {
            function.ChangeGate.Release();
        }
    }

    /// <summary>
    /// Applies <paramref name="next"/> to $LATEST. <paramref name="inProgress"/> sees the function at
    /// InProgress with the configuration it is moving to, as Lambda's update responses show it (the
    /// new values, LastUpdateStatus InProgress, the new RevisionId).
    /// </summary>
    private void Apply(LambdaFunction function, FunctionConfiguration next, Action<LambdaFunction, FunctionConfiguration>? inProgress)
    {
        function.LastUpdateStatus = ControlPlaneValues.UpdateInProgress;
        function.LastUpdateStatusReason = null;
        function.LastUpdateStatusReasonCode = null;
        function.RevisionId = Guid.NewGuid().ToString();
        inProgress?.Invoke(function, next);
        if (StartCheck.Problem(next.Runtime, next.Handler, next.CodeDirectory) is { } problem)
        {
            // As on Lambda, a failed update leaves the function running its previous configuration.
            function.LastUpdateStatus = ControlPlaneValues.UpdateFailed;
            function.LastUpdateStatusReason = problem;
            function.LastUpdateStatusReasonCode = ControlPlaneValues.ReasonInvalidEntrypoint;
            return;
        }
        function.Latest.Reconfigure(_functions.SettingsFor(next, ControlPlaneValues.Latest, function.Log));
        function.LastModified = DateTimeOffset.UtcNow;
        function.LastUpdateStatus = ControlPlaneValues.UpdateSuccessful;
        _store.Save(function);
    }

    public async Task<FunctionVersion> PublishVersionAsync(string name, string? description = null, string? codeSha256 = null, string? revisionId = null)
    {
        var function = Find(name);
        await function.ChangeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            CheckRevision(function, revisionId);
            if (codeSha256 is not null && codeSha256 != function.Configuration.CodeSha256)
            {
                throw ControlPlaneException.PreconditionFailed($"CodeSha256 {codeSha256} does not match the function's code ({function.Configuration.CodeSha256}).");
            }
            if (function.LastUpdateStatus == ControlPlaneValues.UpdateInProgress)
            {
                throw ControlPlaneException.Conflict("The operation cannot be performed at this time. An update is in progress for resource: " + function.Arn);
            }
            var version = Publish(function, description);
            _store.Save(function);
            return version;
        }
        finally
        {
            function.ChangeGate.Release();
        }
    }

    private FunctionVersion Publish(LambdaFunction function, string? description)
    {
        // As on Lambda: nothing changed since the last publish, no new version.
        if (function.PublishedRevisionId == function.RevisionId
            && function.Versions.TryGetValue((function.NextVersion - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), out var newest))
        {
            return newest;
        }
        var number = function.NextVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var configuration = description is null ? function.Configuration : function.Configuration with { Description = description };
        var version = AddVersion(function, number, configuration, DateTimeOffset.UtcNow, Guid.NewGuid().ToString());
        function.NextVersion++;
        function.PublishedRevisionId = function.RevisionId;
        return version;
    }

    private FunctionVersion AddVersion(LambdaFunction function, string number, FunctionConfiguration configuration, DateTimeOffset lastModified, string revisionId)
    {
        var version = new FunctionVersion(number, new EnvironmentPool(_functions.SettingsFor(configuration, number, function.Log)), lastModified, revisionId);
        function.Versions[number] = version;
        return version;
    }

    public async Task DeleteFunctionAsync(string name, string? qualifier)
    {
        var function = Find(name);
        if (qualifier is not null and not ControlPlaneValues.Latest)
        {
            await DeleteVersionAsync(function, qualifier).ConfigureAwait(false);
            return;
        }
        if (!_functions.TryRemove(name, out _))
        {
            throw ControlPlaneException.FunctionNotFound(function.Arn);
        }
        _store.Delete(name);
        await function.DisposeAsync().ConfigureAwait(false);
        // Its code, every version's, goes with it. (Its log stays, as a CloudWatch log group outlives its function.)
        Folders.RemoveQuietly(CodeRoot(name));
    }

    private string CodeRoot(string name) => Path.GetFullPath(Path.Combine(_functions.DataDirectory, "code", name));

    /// <summary>
    /// Removes one package Ember unpacked for <paramref name="name"/> (under code/NAME, never a
    /// template's own CodeUri folder) that neither $LATEST nor any version of <paramref name="function"/>
    /// runs, and the function's code folder if that leaves it empty.
    /// </summary>
    private void RemoveCode(string name, LambdaFunction? function, string directory)
    {
        var root = CodeRoot(name) + Path.DirectorySeparatorChar;
        if (!Path.GetFullPath(directory).StartsWith(root, StringComparison.Ordinal)
            || (function is not null && (function.Configuration.CodeDirectory == directory || function.Versions.Values.Any(v => v.Configuration.CodeDirectory == directory))))
        {
            return;
        }
        Folders.RemoveQuietly(directory);
        var parent = Path.GetDirectoryName(directory)!;
        if (Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any())
        {
            Folders.RemoveQuietly(parent);
        }
    }

    private async Task DeleteVersionAsync(LambdaFunction function, string number)
    {
        FunctionVersion? version;
        await function.ChangeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!function.Versions.ContainsKey(number))
            {
                throw ControlPlaneException.FunctionNotFound(HostIdentity.FunctionArn(Region, function.Name, number));
            }
            if (function.Aliases.Values.FirstOrDefault(a => a.FunctionVersion == number || a.AdditionalVersionWeights.ContainsKey(number)) is { } alias)
            {
                throw ControlPlaneException.Conflict($"Unable to delete version because the following aliases reference it: [{alias.Name}]");
            }
            function.Versions.TryRemove(number, out version);
            foreach (var key in function.Provisioned.Where(p => p.Value.Version == number).Select(p => p.Key).ToList())
            {
                function.Provisioned.TryRemove(key, out _);
            }
            _store.Save(function);
        }
        finally
        {
            function.ChangeGate.Release();
        }
        if (version is not null)
        {
            await version.DisposeAsync().ConfigureAwait(false);
            RemoveCode(function.Name, function, version.Configuration.CodeDirectory);
        }
    }

    public async Task<FunctionAlias> PutAliasAsync(string name, string alias, bool create, string? functionVersion, string? description,
        IReadOnlyDictionary<string, double>? weights, string? revisionId)
    {
        var function = Find(name);
        if (!FunctionValidation.IsAliasName(alias))
        {
            throw ControlPlaneException.InvalidParameter($"Name '{alias}' is not a valid alias name: 1-128 letters, digits, hyphens or underscores, not only digits.");
        }
        await function.ChangeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var exists = function.Aliases.TryGetValue(alias, out var current);
            if (create && exists)
            {
                throw ControlPlaneException.Conflict($"Alias already exists: {HostIdentity.FunctionArn(Region, name, alias)}");
            }
            if (!create && !exists)
            {
                throw ControlPlaneException.NotFound($"Alias not found: {HostIdentity.FunctionArn(Region, name, alias)}");
            }
            if (!create && revisionId is not null && revisionId != current!.RevisionId)
            {
                throw ControlPlaneException.PreconditionFailed("The Revision Id provided does not match the latest Revision Id. Call the GetAlias API to retrieve the latest Revision Id");
            }
            var primary = functionVersion ?? current?.FunctionVersion
                ?? throw ControlPlaneException.InvalidParameter("FunctionVersion is required.");
            var routing = weights is null ? current?.AdditionalVersionWeights ?? ImmutableSortedDictionary<string, double>.Empty : weights.ToImmutableSortedDictionary(StringComparer.Ordinal);
            var problems = FunctionValidation.CheckRouting(primary, routing);
            foreach (var version in routing.Keys.Prepend(primary).Distinct())
            {
                if (version != ControlPlaneValues.Latest && !function.Versions.ContainsKey(version))
                {
                    problems.Add($"Version {version} of function {name} does not exist; publish it first.");
                }
            }
            if (problems.Count > 0)
            {
                throw ControlPlaneException.InvalidParameters(problems);
            }
            var updated = new FunctionAlias
            {
                Name = alias,
                FunctionVersion = primary,
                Description = description ?? current?.Description ?? "",
                AdditionalVersionWeights = routing,
            };
            function.Aliases[alias] = updated;
            _store.Save(function);
            return updated;
        }
        finally
        {
            function.ChangeGate.Release();
        }
    }

    public FunctionAlias GetAlias(string name, string alias) =>
        Find(name).Aliases.TryGetValue(alias, out var found)
            ? found
            : throw ControlPlaneException.NotFound($"Cannot find alias arn: {HostIdentity.FunctionArn(Region, name, alias)}");

    public async Task DeleteAliasAsync(string name, string alias)
    {
        var function = Find(name);
        await function.ChangeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (function.Aliases.TryRemove(alias, out _))
            {
                if (function.Provisioned.TryRemove(alias, out var provisioned) && function.Versions.TryGetValue(provisioned.Version, out var version))
                {
                    version.Pool.Deprovision();
                }
                _store.Save(function);
            }
        }
        finally
        {
            function.ChangeGate.Release();
        }
    }

    public async Task PutReservedConcurrencyAsync(string name, int? reserved)
    {
        if (reserved is < 0 or > 1000)
        {
            throw ControlPlaneException.InvalidParameter($"ReservedConcurrentExecutions {reserved} is outside 0-1000.");
        }
        var function = Find(name);
        await function.ChangeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            function.ReservedConcurrency = reserved;
            _store.Save(function);
        }
        finally
        {
            function.ChangeGate.Release();
        }
    }

    /// <summary>
    /// Sets provisioned concurrency on a version or alias and starts initialising the environments.
    /// Returns the setting at once; the returned task completes when they are all up (or failed).
    /// </summary>
    public async Task<(ProvisionedConcurrency Setting, Task Ready)> PutProvisionedAsync(string name, string? qualifier, int count)
    {
        var function = Find(name);
        if (qualifier is null or ControlPlaneValues.Latest)
        {
            throw ControlPlaneException.InvalidParameter("Provisioned concurrency needs a Qualifier naming a published version or an alias; $LATEST cannot have it.");
        }
        if (count is < 1 or > 1000)
        {
            throw ControlPlaneException.InvalidParameter($"ProvisionedConcurrentExecutions {count} is outside 1-1000.");
        }
        await function.ChangeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var version = function.VersionOf(qualifier);
            if (!function.Versions.TryGetValue(version, out var published))
            {
                throw ControlPlaneException.FunctionNotFound(HostIdentity.FunctionArn(Region, name, qualifier));
            }
            if (function.Provisioned.Values.FirstOrDefault(p => p.Version == version && p.Qualifier != qualifier) is { } other)
            {
                throw ControlPlaneException.Conflict($"Version {version} already has provisioned concurrency through {other.Qualifier}.");
            }
            var setting = new ProvisionedConcurrency(qualifier, version, count, DateTimeOffset.UtcNow);
            function.Provisioned[qualifier] = setting;
            _store.Save(function);
            return (setting, Provision(published, count));
        }
        finally
        {
            function.ChangeGate.Release();
        }
    }

    private Task Provision(FunctionVersion version, int count)
    {
        var settings = version.Pool.Settings with { InitializationType = ControlPlaneValues.ProvisionedConcurrency };
        return Task.Run(() => version.Pool.ProvisionAsync(settings, count));
    }

    public ProvisionedConcurrency GetProvisioned(string name, string? qualifier, out EnvironmentPool pool)
    {
        var function = Find(name);
        if (qualifier is null || !function.Provisioned.TryGetValue(qualifier, out var setting) || !function.Versions.TryGetValue(setting.Version, out var version))
        {
            throw ControlPlaneException.NotFound($"No Provisioned Concurrency Config found for this function: {HostIdentity.FunctionArn(Region, name, qualifier)}");
        }
        pool = version.Pool;
        return setting;
    }

    public async Task DeleteProvisionedAsync(string name, string? qualifier)
    {
        var setting = GetProvisioned(name, qualifier, out var pool);
        var function = Find(name);
        await function.ChangeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            function.Provisioned.TryRemove(setting.Qualifier, out _);
            pool.Deprovision();
            _store.Save(function);
        }
        finally
        {
            function.ChangeGate.Release();
        }
    }

    public async Task<FunctionUrlConfig> PutUrlAsync(string name, string? qualifier, bool create, string? authType, string? invokeMode, string? corsJson)
    {
        var function = Find(name);
        if (qualifier is not null and not ControlPlaneValues.Latest)
        {
            throw ControlPlaneException.InvalidParameter("Ember serves a Function URL for $LATEST only; leave out Qualifier.");
        }
        if (authType is not (null or ControlPlaneValues.AuthNone or ControlPlaneValues.AuthIam) || (create && authType is null))
        {
            throw ControlPlaneException.InvalidParameter($"AuthType '{authType}' must be NONE or AWS_IAM.");
        }
        if (invokeMode is not (null or ControlPlaneValues.InvokeBuffered or ControlPlaneValues.InvokeStream))
        {
            throw ControlPlaneException.InvalidParameter($"InvokeMode '{invokeMode}' must be BUFFERED or RESPONSE_STREAM.");
        }
        await function.ChangeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var current = function.Url;
            if (create && current is not null)
            {
                throw ControlPlaneException.Conflict($"Failed to create function url config for [functionArn = {function.Arn}]. Error message:  FunctionUrlConfig exists for this Lambda function");
            }
            if (!create && current is null)
            {
                throw ControlPlaneException.NotFound("The resource you requested does not exist.");
            }
            var now = DateTimeOffset.UtcNow;
            var updated = current is null
                ? new FunctionUrlConfig { UrlAuthType = authType!, InvokeMode = invokeMode ?? ControlPlaneValues.InvokeBuffered, CorsJson = corsJson, CreationTime = now, LastModifiedTime = now }
                : current with
                {
                    UrlAuthType = authType ?? current.UrlAuthType,
                    InvokeMode = invokeMode ?? current.InvokeMode,
                    CorsJson = corsJson ?? current.CorsJson,
                    LastModifiedTime = now,
                };
            function.Url = updated;
            _store.Save(function);
            return updated;
        }
        finally
        {
            function.ChangeGate.Release();
        }
    }

    public async Task DeleteUrlAsync(string name)
    {
        var function = Find(name);
        if (function.Url is null)
        {
            throw ControlPlaneException.NotFound("The resource you requested does not exist.");
        }
        await function.ChangeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            function.Url = null;
            _store.Save(function);
        }
        finally
        {
            function.ChangeGate.Release();
        }
    }

    /// <summary>Brings back the functions stored by earlier runs; a template function of the same name wins.</summary>
    public void Restore(Action<string> say)
    {
        foreach (var stored in _store.LoadAll(say))
        {
            var name = stored.Configuration.Name;
            if (_functions.TryGet(name, out _))
            {
                say($"warning: function {name} is in the template and was also created through the API; the template's wins.");
                continue;
            }
            if (!Directory.Exists(stored.Configuration.CodeDirectory))
            {
                say($"warning: the code of function {name} ({stored.Configuration.CodeDirectory}) is gone; it was not restored.");
                continue;
            }
            var function = _functions.Add(stored.Configuration, fromTemplate: false)!;
            function.LastModified = stored.LastModified;
            function.RevisionId = stored.RevisionId;
            function.NextVersion = stored.NextVersion;
            function.PublishedRevisionId = stored.PublishedRevisionId;
            function.ReservedConcurrency = stored.ReservedConcurrency;
            function.Url = stored.Url;
            function.RecursiveLoop = stored.RecursiveLoop ?? RecursiveLoops.Terminate;
            function.RuntimeManagement = stored.RuntimeManagement;
            foreach (var (qualifier, config) in stored.EventInvokeConfigs ?? [])
            {
                function.EventInvokeConfigs[qualifier] = config;
            }
            foreach (var (sid, statement) in stored.Permissions ?? [])
            {
                function.Permissions[sid] = statement;
            }
            foreach (var (key, value) in stored.Tags ?? [])
            {
                function.Tags[key] = value;
            }
            foreach (var version in stored.Versions)
            {
                AddVersion(function, version.Number, version.Configuration, version.LastModified, version.RevisionId);
            }
            foreach (var alias in stored.Aliases)
            {
                function.Aliases[alias.Name] = alias;
            }
            foreach (var setting in stored.Provisioned)
            {
                if (function.Versions.TryGetValue(setting.Version, out var version))
                {
                    function.Provisioned[setting.Qualifier] = setting;
                    Provision(version, setting.Requested).Observe(_functions.Loggers.CreateLogger(HostLog.Host), $"restoring provisioned concurrency of {name}:{setting.Qualifier}");
                }
            }
        }
    }

    private static void CheckRevision(LambdaFunction function, string? revisionId)
    {
        if (revisionId is not null && revisionId != function.RevisionId)
        {
            throw ControlPlaneException.PreconditionFailed("The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
    }
}
