using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Ember.Host.Build;

/// <summary>
/// The cache key of a build: a SHA-256 over the build settings and every source file (path and
/// bytes) of the function's folder and of the .NET projects it references, so editing Ember.Lambda
/// rebuilds the C# functions that link it.
/// </summary>
internal static partial class SourceFingerprint
{
    // Outputs and tool state, not sources: hashing them would make every build look changed.
    private static readonly HashSet<string> IgnoredDirectories = new(StringComparer.OrdinalIgnoreCase)
    {
        "bin", "obj", ".git", ".aws-sam", ".ember", ".build", "node_modules", "__pycache__", "TestResults",
    };

    public static string Compute(BuildRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, $"method={request.BuildMethod.ToLowerInvariant()}\narch={request.Architecture}\nruntime={request.Runtime}\n");
        foreach (var (key, value) in request.BuildProperties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Add(hash, $"prop:{key}={value}\n");
        }

        foreach (var root in Roots(request.SourceDir))
        {
            foreach (var file in Files(root))
            {
                Add(hash, $"file:{Path.GetRelativePath(request.SourceDir, file).Replace('\\', '/')}\n");
                hash.AppendData(File.ReadAllBytes(file));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..20];
    }

    /// <summary>The source folder plus, transitively, the folders of projects its .csproj files reference.</summary>
    private static List<string> Roots(string sourceDir)
    {
        var roots = new List<string>();
        var pending = new Queue<string>([Path.GetFullPath(sourceDir)]);
        while (pending.Count > 0)
        {
            var dir = pending.Dequeue();
            if (roots.Contains(dir, StringComparer.Ordinal) || !Directory.Exists(dir))
            {
                continue;
            }

            roots.Add(dir);
            foreach (var project in Directory.EnumerateFiles(dir, "*.csproj"))
            {
                foreach (Match reference in ProjectReference().Matches(File.ReadAllText(project)))
                {
                    var path = Path.GetFullPath(Path.Combine(dir, reference.Groups[1].Value.Replace('\\', '/')));
                    pending.Enqueue(Path.GetDirectoryName(path)!);
                }
            }
        }

        return roots;
    }

    private static IEnumerable<string> Files(string root)
    {
        var files = new List<string>();
        var stack = new Stack<string>([root]);
        while (stack.Count > 0)
        {
            var dir = stack.Pop();
            files.AddRange(Directory.EnumerateFiles(dir));
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                if (!IgnoredDirectories.Contains(Path.GetFileName(sub)))
                {
                    stack.Push(sub);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static void Add(IncrementalHash hash, string text) => hash.AppendData(Encoding.UTF8.GetBytes(text));

    [GeneratedRegex("""<ProjectReference\s+Include\s*=\s*"([^"]+)""")]
    private static partial Regex ProjectReference();
}
