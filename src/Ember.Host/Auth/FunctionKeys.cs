using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Ember.Host.Auth;

/// <summary>
/// Each function's own temporary credentials, as Lambda gives a function its execution role's
/// (<c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>). They live as
/// long as the host and the function: deleting the function revokes them. A request signed with
/// them is the function's, allowed what its policy allows.
/// </summary>
internal sealed class FunctionKeys
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly ConcurrentDictionary<string, AwsCredentials> _byFunction = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _functionByKey = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The function's credentials, issued on first use.</summary>
    public AwsCredentials For(string function)
    {
        if (_byFunction.TryGetValue(function, out var existing))
        {
            return existing;
        }
        lock (_gate)
        {
            if (_byFunction.TryGetValue(function, out existing))
            {
                return existing;
            }
            // ASIA: the prefix of temporary (STS) access keys, which always come with a session token.
            var issued = new AwsCredentials("ASIA" + RandomNumberGenerator.GetString(Base32, 16),
                RandomNumberGenerator.GetString(Base64, 40), RandomNumberGenerator.GetString(Base64, 172));
            _functionByKey[issued.AccessKeyId] = function;
            _byFunction[function] = issued;
            return issued;
        }
    }

    /// <summary>The function whose access key this is, with its credentials; false for a key no function holds.</summary>
    public bool TryFind(string accessKeyId, out string function, out AwsCredentials credentials)
    {
        credentials = null!;
        return _functionByKey.TryGetValue(accessKeyId, out function!) && _byFunction.TryGetValue(function, out credentials!);
    }

    /// <summary>Forgets the function's credentials: requests signed with them are refused from now on.</summary>
    public void Revoke(string function)
    {
        lock (_gate)
        {
            if (_byFunction.TryRemove(function, out var revoked))
            {
                _functionByKey.TryRemove(revoked.AccessKeyId, out _);
            }
        }
    }
}
