using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ember.Host.Auth;

/// <summary>An access key pair, with the session token that temporary credentials carry.</summary>
internal sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null);

/// <summary>A request as it arrived, in the parts a signature covers.</summary>
/// <param name="RawPath">The path exactly as sent (still percent-encoded where the client encoded it).</param>
/// <param name="RawQuery">The query string as sent, without the leading '?'.</param>
internal sealed record SignedRequest(string Method, string RawPath, string RawQuery, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body)
{
    /// <summary>Every value of the header named <paramref name="name"/> (any case), in order.</summary>
    public IEnumerable<string> Values(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public string? Header(string name) => Values(name).FirstOrDefault();
}

/// <summary>Why a request was not accepted, in Lambda's words: the x-amzn-ErrorType and message of a 403.</summary>
internal sealed record SignatureFailure(string ErrorType, string Message);

/// <summary>
/// AWS Signature Version 4, as the AWS CLI and SDKs sign Lambda's APIs: the canonical request
/// (method, path encoded once more as non-S3 services do, sorted query, signed headers, payload
/// hash), the string to sign and the HMAC-SHA256 key chain. <see cref="Verify"/> checks a request
/// the way Lambda does, with its error types; <see cref="Sign"/> makes the headers a client sends.
/// </summary>
internal static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>How far a request's X-Amz-Date may be from the host's clock.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    public const string MissingToken = Wire.ErrorTypes.MissingAuthenticationToken;
    public const string InvalidSignature = "InvalidSignatureException";
    public const string UnrecognizedClient = "UnrecognizedClientException";
    public const string IncompleteSignature = "IncompleteSignatureException";

    /// <summary>
    /// The credentials that signed <paramref name="request"/>, found by <paramref name="lookup"/>
    /// from the access key id, or why the request is refused.
    /// </summary>
    public static (AwsCredentials? Signer, SignatureFailure? Failure) Verify(SignedRequest request, Func<string, AwsCredentials?> lookup,
        string region, string service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(lookup);
        var authorization = request.Header("Authorization");
        if (string.IsNullOrEmpty(authorization))
        {
            return (null, new(MissingToken, "Missing Authentication Token"));
        }
        if (!TryParseAuthorization(authorization, out var credential, out var signedHeaders, out var signature))
        {
            return (null, new(IncompleteSignature, $"Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters, with the {Algorithm} algorithm. Authorization={authorization}"));
        }
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return (null, new(IncompleteSignature, $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'"));
        }
        var signer = lookup(scope[0]);
        if (signer is null)
        {
            return (null, new(UnrecognizedClient, "The security token included in the request is invalid."));
        }
        if (signer.SessionToken is { } token && request.Header("X-Amz-Security-Token") != token)
        {
            return (null, new(UnrecognizedClient, "The security token included in the request is invalid."));
        }
        var amzDate = request.Header("X-Amz-Date");
        if (amzDate is null || !DateTimeOffset.TryParseExact(amzDate, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return (null, new(IncompleteSignature, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
        }
        if (signedAt < now - ClockSkew)
        {
            return (null, new(InvalidSignature, $"Signature expired: {amzDate} is now earlier than {Format(now - ClockSkew)} ({Format(now)} - {ClockSkew.TotalMinutes:0} min.)"));
        }
        if (signedAt > now + ClockSkew)
        {
            return (null, new(InvalidSignature, $"Signature not yet current: {amzDate} is still later than {Format(now + ClockSkew)} ({Format(now)} + {ClockSkew.TotalMinutes:0} min.)"));
        }
        if (scope[1] != amzDate[..8])
        {
            return (null, new(InvalidSignature, $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scope[1]}' != '{amzDate[..8]}', from '{amzDate}'."));
        }
        if (scope[2] != region)
        {
            return (null, new(InvalidSignature, $"Credential should be scoped to a valid region. (this host serves '{region}', the request is signed for '{scope[2]}')"));
        }
        if (scope[3] != service)
        {
            return (null, new(InvalidSignature, $"Credential should be scoped to correct service: '{service}'. "));
        }
        if (!signedHeaders.Contains("host", StringComparer.Ordinal))
        {
            return (null, new(InvalidSignature, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
        }
        var expected = Signature(request, signedHeaders, signer.SecretAccessKey, amzDate, region, service);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return (null, new(InvalidSignature, "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."));
        }
        return (signer, null);
    }

    /// <summary>
    /// The headers to add to <paramref name="request"/> (which must already carry Host) so that it
    /// is signed by <paramref name="credentials"/> at <paramref name="now"/>: X-Amz-Date, the session
    /// token if any, and Authorization. Every header the request has is signed.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Sign(SignedRequest request, AwsCredentials credentials, string region, string service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var amzDate = Format(now);
        List<KeyValuePair<string, string>> added = [new("X-Amz-Date", amzDate)];
        if (credentials.SessionToken is { } token)
        {
            added.Add(new("X-Amz-Security-Token", token));
        }
        var signing = request with { Headers = [.. request.Headers, .. added] };
        var signedHeaders = signing.Headers.Select(h => h.Key.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        var signature = Signature(signing, signedHeaders, credentials.SecretAccessKey, amzDate, region, service);
        added.Add(new("Authorization",
            $"{Algorithm} Credential={credentials.AccessKeyId}/{amzDate[..8]}/{region}/{service}/aws4_request, SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}"));
        return added;
    }

    private static string Signature(SignedRequest request, IReadOnlyList<string> signedHeaders, string secret, string amzDate, string region, string service)
    {
        var scope = $"{amzDate[..8]}/{region}/{service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalRequest(request, signedHeaders))))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), amzDate[..8]);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    /// <summary>The canonical request of SigV4's first task.</summary>
    internal static string CanonicalRequest(SignedRequest request, IReadOnlyList<string> signedHeaders)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(CanonicalPath(request.RawPath)).Append('\n');
        builder.Append(CanonicalQuery(request.RawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            builder.Append(name).Append(':').Append(string.Join(',', request.Values(name).Select(CanonicalHeaderValue))).Append('\n');
        }
        builder.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n');
        builder.Append(Hex(SHA256.HashData(request.Body.Span)));
        return builder.ToString();
    }

    /// <summary>
    /// The path as sent, each byte outside RFC 3986's unreserved set (and '/') percent-encoded:
    /// for services other than S3 the SDKs encode the already-encoded path once more, so an ARN's
    /// %3A in the request line is %253A here.
    /// </summary>
    private static string CanonicalPath(string rawPath) => rawPath.Length == 0 ? "/" : Encode(rawPath, keepSlash: true);

    private static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return "";
        }
        var pairs = rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=');
                var key = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? "" : pair[(equals + 1)..];
                return (Key: Encode(Uri.UnescapeDataString(key), keepSlash: false), Value: Encode(Uri.UnescapeDataString(value), keepSlash: false));
            })
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => $"{p.Key}={p.Value}"));
    }

    /// <summary>Trimmed, with every run of spaces made one, as SigV4 canonicalizes a header value.</summary>
    private static string CanonicalHeaderValue(string value)
    {
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (c == ' ')
            {
                space = true;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static string Encode(string text, bool keepSlash)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private static bool TryParseAuthorization(string authorization, out string credential, out IReadOnlyList<string> signedHeaders, out string signature)
    {
        credential = signature = "";
        signedHeaders = [];
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var part in authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                return false;
            }
            var value = part[(equals + 1)..];
            switch (part[..equals])
            {
                case "Credential":
                    credential = value;
                    break;
                case "SignedHeaders":
                    signedHeaders = value.Split(';');
                    break;
                case "Signature":
                    signature = value;
                    break;
            }
        }
        return credential.Length > 0 && signedHeaders.Count > 0 && signature.Length > 0;
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
