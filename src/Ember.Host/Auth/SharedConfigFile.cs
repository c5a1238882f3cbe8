namespace Ember.Host.Auth;

/// <summary>The AWS shared credentials and config files' format: INI sections of <c>key = value</c> lines.</summary>
internal static class SharedConfigFile
{
    /// <summary>The key = value pairs of one [section] of the file; empty when the file or the section is not there (or cannot be read).</summary>
    public static Dictionary<string, string> Section(string path, string name)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return values;
        }
        var inside = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                inside = line[1..^1].Trim() == name;
                continue;
            }
            if (inside && line.Split('=', 2, StringSplitOptions.TrimEntries) is [var key, var value] && !key.StartsWith('#'))
            {
                values[key] = value;
            }
        }
        return values;
    }
}
