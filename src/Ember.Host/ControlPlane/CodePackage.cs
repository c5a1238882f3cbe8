using System.IO.Compression;
using System.Security.Cryptography;
using Ember.Host.Templates;

namespace Ember.Host.ControlPlane;

/// <summary>A deployment package uploaded through the API, unpacked under the data directory.</summary>
internal sealed record CodePackage(string Directory, string Sha256, long Size)
{
    /// <summary>
    /// Unpacks <paramref name="zip"/> into <c>code/NAME/HASH</c> (once per content) and returns where.
    /// A zip that cannot be read is the caller's error, as on Lambda.
    /// </summary>
    public static CodePackage Extract(string dataDirectory, string functionName, byte[] zip)
    {
        var digest = SHA256.HashData(zip);
        var target = Path.Combine(dataDirectory, "code", functionName, Convert.ToHexStringLower(digest)[..16]);
        if (!System.IO.Directory.Exists(target))
        {
            var staging = target + "." + Guid.NewGuid().ToString("N")[..8] + ".partial";
            try
            {
                using (var stream = new MemoryStream(zip, writable: false))
                {
                    // ExtractToDirectory restores the Unix permission bits kept in the zip, bootstrap's execute bit included.
                    ZipFile.ExtractToDirectory(stream, staging);
                }
                System.IO.Directory.Move(staging, target);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                TryDelete(staging);
                if (System.IO.Directory.Exists(target))
                {
                    // Another request unpacked the same content first.
                    return new CodePackage(target, Convert.ToBase64String(digest), zip.LongLength);
                }
                throw ControlPlaneException.InvalidParameter($"Could not unzip uploaded file. Please check your file, then try to upload again. ({e.Message})");
            }
        }
        return new CodePackage(target, Convert.ToBase64String(digest), zip.LongLength);
    }

    /// <summary>Why the function could not start from this code, or null when it can (a bootstrap that is executable, a handler module that exists).</summary>
    public static string? StartProblem(string runtime, string handler, string codeDirectory)
    {
        if (RuntimeNames.IsProvided(runtime))
        {
            var bootstrap = Path.Combine(codeDirectory, "bootstrap");
            if (!File.Exists(bootstrap))
            {
                return $"{runtime} needs an executable named bootstrap at the root of the code; the package has none.";
            }
            return (File.GetUnixFileMode(bootstrap) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0
                ? "bootstrap is not executable in the package; set its execute bit (chmod +x) before zipping."
                : null;
        }
        var dot = handler.LastIndexOf('.');
        if (dot <= 0)
        {
            return $"Handler '{handler}' is not module.function.";
        }
        var module = handler[..dot].Replace('.', '/');
        return File.Exists(Path.Combine(codeDirectory, module + ".py")) || File.Exists(Path.Combine(codeDirectory, module, "__init__.py"))
            ? null
            : $"Handler '{handler}' names module {module}.py, which is not in the package.";
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }
}
