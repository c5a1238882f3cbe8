using System.Security.Cryptography;
using Ember.Host.Functions;
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
                    DeploymentArchive.Extract(stream, staging);
                }
                System.IO.Directory.Move(staging, target);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                Folders.RemoveQuietly(staging);
                if (System.IO.Directory.Exists(target))
                {
                    // Another request unpacked the same content first.
                    return new CodePackage(target, Convert.ToBase64String(digest), zip.LongLength);
                }
                throw ControlPlaneException.InvalidParameter(e.Message == DeploymentArchive.TooLargeMessage()
                    ? e.Message
                    : $"Could not unzip uploaded file. Please check your file, then try to upload again. ({e.Message})");
            }
        }
        return new CodePackage(target, Convert.ToBase64String(digest), zip.LongLength);
    }
}
