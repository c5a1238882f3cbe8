using System.Text;
using Ember.Host.Auth;

namespace Ember.Host.Tests.Auth;

/// <summary>
/// Signature Version 4 against AWS's published test suite (the signed requests, .sreq, of
/// docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html, as kept in the
/// aws-sig-v4-test-suite folder of several SDKs), and the ways Lambda refuses a request.
/// </summary>
public sealed class SigV4Tests
{
    private static readonly AwsCredentials s_example = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly DateTimeOffset s_signedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
    private const string Token = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    public static TheoryData<string, string> Suite => new()
    {
        { "get-vanilla-query-order-key-case", "GET /?Param2=value2&Param1=value1 HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
        { "post-x-www-form-urlencoded", "POST / HTTP/1.1\nContent-Type:application/x-www-form-urlencoded\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a\n\nParam1=value1" },
        { "get-header-value-trim", "GET / HTTP/1.1\nHost:example.amazonaws.com\nMy-Header1: value1\nMy-Header2: \"a   b   c\"\nX-Amz-Date:20150830T123600Z\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736" },
        { "get-unreserved", "GET /-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f" },
        { "get-vanilla-utf8-query", "GET /?\u1234=bar HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04" },
        { "post-vanilla-empty-query-value", "POST /?Param1=value1 HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11" },
        { "post-sts-header-before", $"POST / HTTP/1.1\nHost:example.amazonaws.com\nX-Amz-Date:20150830T123600Z\nX-Amz-Security-Token:{Token}\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead" },
    };

    /// <summary>An .sreq file: the request line, "Name:value" headers, a blank line, the body.</summary>
    private static SignedRequest Parse(string sreq)
    {
        var (head, body) = sreq.IndexOf("\n\n", StringComparison.Ordinal) is var blank and >= 0 ? (sreq[..blank], sreq[(blank + 2)..]) : (sreq, "");
        var lines = head.Split('\n');
        var target = lines[0].Split(' ')[1];
        var question = target.IndexOf('?');
        // An HTTP server drops the spaces before a header's value, as Kestrel does.
        var headers = lines[1..].Select(l => new KeyValuePair<string, string>(l[..l.IndexOf(':')], l[(l.IndexOf(':') + 1)..].TrimStart())).ToList();
        return new SignedRequest(lines[0].Split(' ')[0], question < 0 ? target : target[..question], question < 0 ? "" : target[(question + 1)..], headers, Encoding.UTF8.GetBytes(body));
    }

    private static AwsCredentials? Lookup(string accessKeyId) => accessKeyId == s_example.AccessKeyId
        ? s_example with { SessionToken = null }
        : null;

    [Theory]
    [MemberData(nameof(Suite))]
    public void Verify_AwsTestSuiteRequest_IsAccepted(string name, string sreq)
    {
        var request = Parse(sreq);
        var credentials = request.Header("X-Amz-Security-Token") is { } token ? s_example with { SessionToken = token } : s_example;

        var (signer, failure) = SigV4.Verify(request, id => id == credentials.AccessKeyId ? credentials : null, "us-east-1", "service", s_signedAt);

        Assert.True(failure is null, $"{name}: {failure}");
        Assert.Equal("AKIDEXAMPLE", signer!.AccessKeyId);
    }

    [Theory]
    [MemberData(nameof(Suite))]
    public void Sign_AwsTestSuiteRequest_GivesTheSuitesAuthorization(string name, string sreq)
    {
        var request = Parse(sreq);
        var expected = request.Header("Authorization")!.Trim();
        var token = request.Header("X-Amz-Security-Token");
        var unsigned = request with { Headers = [.. request.Headers.Where(h => h.Key is not ("Authorization" or "X-Amz-Date" or "X-Amz-Security-Token"))] };

        var added = SigV4.Sign(unsigned, s_example with { SessionToken = token }, "us-east-1", "service", s_signedAt);

        Assert.True(expected == added.Single(h => h.Key == "Authorization").Value, name);
    }

    [Fact]
    public void Verify_BodyChangedAfterSigning_IsInvalidSignature()
    {
        var request = Parse(Suite.Single(r => (string)r[0] == "post-x-www-form-urlencoded")[1].ToString()!);

        var (_, failure) = SigV4.Verify(request with { Body = "Param1=value2"u8.ToArray() }, Lookup, "us-east-1", "service", s_signedAt);

        Assert.Equal(SigV4.InvalidSignature, failure!.ErrorType);
        Assert.StartsWith("The request signature we calculated does not match", failure.Message);
    }

    [Fact]
    public void Verify_NoAuthorization_IsMissingAuthenticationToken()
    {
        var (_, failure) = SigV4.Verify(new SignedRequest("GET", "/", "", [new("Host", "h")], default), Lookup, "us-east-1", "service", s_signedAt);

        Assert.Equal(new SignatureFailure("MissingAuthenticationTokenException", "Missing Authentication Token"), failure);
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("AWS4-HMAC-SHA256 garbage")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830, SignedHeaders=host;x-amz-date, Signature=00")]
    public void Verify_MalformedAuthorization_IsIncompleteSignature(string authorization)
    {
        var request = new SignedRequest("GET", "/", "", [new("Host", "example.amazonaws.com"), new("X-Amz-Date", "20150830T123600Z"), new("Authorization", authorization)], default);

        var (_, failure) = SigV4.Verify(request, Lookup, "us-east-1", "service", s_signedAt);

        Assert.Equal(SigV4.IncompleteSignature, failure!.ErrorType);
    }

    [Fact]
    public void Verify_NoDate_IsIncompleteSignature()
    {
        var request = Parse((string)Suite.First()[1]);

        var (_, failure) = SigV4.Verify(request with { Headers = [.. request.Headers.Where(h => h.Key != "X-Amz-Date")] }, Lookup, "us-east-1", "service", s_signedAt);

        Assert.Equal(SigV4.IncompleteSignature, failure!.ErrorType);
    }

    [Fact]
    public void Verify_UnknownAccessKey_IsUnrecognizedClient()
    {
        var (_, failure) = SigV4.Verify(Parse((string)Suite.First()[1]), _ => null, "us-east-1", "service", s_signedAt);

        Assert.Equal(SigV4.UnrecognizedClient, failure!.ErrorType);
    }

    [Theory]
    [InlineData(6, "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T124200Z - 5 min.)")]
    [InlineData(-6, "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z (20150830T123000Z + 5 min.)")]
    public void Verify_OutsideTheClockSkew_IsInvalidSignatureSayingSo(int hostClockMinutesAfterSigning, string message)
    {
        var (_, failure) = SigV4.Verify(Parse((string)Suite.First()[1]), Lookup, "us-east-1", "service", s_signedAt.AddMinutes(hostClockMinutesAfterSigning));

        Assert.Equal(new SignatureFailure(SigV4.InvalidSignature, message), failure);
    }

    [Fact]
    public void Verify_SignedForAnotherRegion_IsInvalidSignatureNamingIt()
    {
        var (_, failure) = SigV4.Verify(Parse((string)Suite.First()[1]), Lookup, "eu-west-1", "service", s_signedAt);

        Assert.Equal(SigV4.InvalidSignature, failure!.ErrorType);
        Assert.Contains("'us-east-1'", failure.Message);
    }

    [Fact]
    public void Verify_LambdaPathWithAnEncodedArn_IsCheckedOnThePathEncodedTwice()
    {
        // What the AWS CLI sends for --function-name arn:…: the ARN's colons encoded in the request line.
        var request = new SignedRequest("POST", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Aecho/invocations", "",
            [new("Host", "127.0.0.1:9001"), new("Content-Type", "application/json")], "{}"u8.ToArray());
        var signed = request with { Headers = [.. request.Headers, .. SigV4.Sign(request, s_example, "us-east-1", "lambda", s_signedAt)] };

        var canonical = SigV4.CanonicalRequest(request, ["host"]);
        var (signer, failure) = SigV4.Verify(signed, Lookup, "us-east-1", "lambda", s_signedAt.AddMinutes(1));

        Assert.Contains("/functions/arn%253Aaws%253Alambda", canonical);
        Assert.Null(failure);
        Assert.NotNull(signer);
    }
}
