using System.Text.Json;
using Ember.Host.Functions;

namespace Ember.Host.ControlPlane;

/// <summary>
/// Functions made through the API, one JSON file each under <c>DATA/functions/</c>, so that they,
/// their versions, aliases and settings come back after a restart. Template functions are not
/// stored: the template is read again at every start.
/// </summary>
internal sealed class FunctionStore
{
    private readonly string _directory;
    private readonly Lock _gate = new();

    public FunctionStore(string dataDirectory) => _directory = Path.Combine(dataDirectory, "functions");

    public void Save(LambdaFunction function)
    {
        if (function.FromTemplate)
        {
            return;
        }
        var stored = new StoredFunction
        {
            Configuration = function.Configuration,
            LastModified = function.LastModified,
            RevisionId = function.RevisionId,
            NextVersion = function.NextVersion,
            PublishedRevisionId = function.PublishedRevisionId,
            ReservedConcurrency = function.ReservedConcurrency,
            Url = function.Url,
            RecursiveLoop = function.RecursiveLoop,
            RuntimeManagement = function.RuntimeManagement,
            EventInvokeConfigs = new Dictionary<string, EventInvokeConfig>(function.EventInvokeConfigs, StringComparer.Ordinal),
            Versions = [.. function.Versions.Values.OrderBy(v => int.Parse(v.Number, System.Globalization.CultureInfo.InvariantCulture))
                .Select(v => new StoredVersion { Number = v.Number, Configuration = v.Configuration, LastModified = v.LastModified, RevisionId = v.RevisionId })],
            Aliases = [.. function.Aliases.Values.OrderBy(a => a.Name, StringComparer.Ordinal)],
            Provisioned = [.. function.Provisioned.Values.OrderBy(p => p.Qualifier, StringComparer.Ordinal)],
            Permissions = new(function.Permissions, StringComparer.Ordinal),
            Tags = new(function.Tags, StringComparer.Ordinal),
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(stored, ControlPlaneJsonContext.Default.StoredFunction);
        lock (_gate)
        {
            Directory.CreateDirectory(_directory);
            var path = PathOf(function.Name);
            var temporary = path + ".tmp";
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
    }

    public void Delete(string name)
    {
        lock (_gate)
        {
            File.Delete(PathOf(name));
        }
    }

    /// <summary>Every stored function; a file that cannot be read is reported through <paramref name="warn"/> and skipped.</summary>
    public List<StoredFunction> LoadAll(Action<string> warn)
    {
        var functions = new List<StoredFunction>();
        if (!Directory.Exists(_directory))
        {
            return functions;
        }
        foreach (var path in Directory.EnumerateFiles(_directory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                if (JsonSerializer.Deserialize(File.ReadAllBytes(path), ControlPlaneJsonContext.Default.StoredFunction) is { } stored)
                {
                    functions.Add(stored);
                }
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                warn($"warning: {path} could not be read ({e.Message}); that function was not restored.");
            }
        }
        return functions;
    }

    private string PathOf(string name) => Path.Combine(_directory, name + ".json");
}
