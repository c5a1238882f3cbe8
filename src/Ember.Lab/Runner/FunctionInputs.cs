using System.Text.Json;
using Ember.Host.Templates;

namespace Ember.Lab.Runner;

/// <summary>
/// What `ember tune` and `ember lab --function` read from the user and check the same way: event
/// files (they must exist and be JSON, as the Invoke API requires) and function names of a template
/// (by FunctionName or logical id). Problems are added to a list, each naming the flag, so that every
/// one is reported at once.
/// </summary>
internal static class FunctionInputs
{
    /// <summary>The event file's bytes, or null with a problem added when it is missing or not JSON.</summary>
    public static byte[]? ReadEvent(string path, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            problems.Add($"--payload: {full} does not exist.");
            return null;
        }
        var bytes = File.ReadAllBytes(full);
        try
        {
            using var _ = JsonDocument.Parse(bytes);
            return bytes;
        }
        catch (JsonException e)
        {
            problems.Add($"--payload: {full} is not JSON, which the Invoke API requires: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// The FunctionName of each function <paramref name="names"/> names (by FunctionName or logical id) in
    /// the template; a problem for each it does not declare, and for a template that cannot be read.
    /// </summary>
    public static IReadOnlyList<string> FunctionNames(string templatePath, IEnumerable<string> names, string flag, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(problems);
        if (!File.Exists(templatePath))
        {
            problems.Add($"--template: {templatePath} does not exist.");
            return [];
        }
        try
        {
            var declared = new SamTemplateReader().Read(templatePath).Functions;
            var found = new List<string>();
            foreach (var name in names)
            {
                var match = declared.FirstOrDefault(f => f.Name == name) ?? declared.FirstOrDefault(f => f.LogicalId == name);
                if (match is null)
                {
                    problems.Add($"{flag}: the template declares no function '{name}'; it has {string.Join(", ", declared.Select(f => f.Name))}.");
                }
                else
                {
                    found.Add(match.Name);
                }
            }
            return found;
        }
        catch (TemplateException e)
        {
            problems.Add($"--template: {e.Message}");
            return [];
        }
    }
}
