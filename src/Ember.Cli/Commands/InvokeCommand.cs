using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using Ember.Host;
using Ember.Host.Auth;

namespace Ember.Cli.Commands;

/// <summary>`ember invoke F`: call a function on a running host through the Invoke API, as the AWS CLI does.</summary>
internal static class InvokeCommand
{
    public static Command Create()
    {
        var function = new Argument<string>("function") { Description = "Function name, name:qualifier or ARN." };
        var payload = new Option<string>("--payload") { Description = "The event: JSON text, or @file to read it from a file.", DefaultValueFactory = _ => "{}" };
        var endpoint = CommonOptions.Endpoint();
        var dataDir = CommonOptions.DataDirectory();
        dataDir.Description = "The host's data directory, whose credentials sign the request (as ember up made them).";
        var type = new Option<string>("--invocation-type") { Description = "RequestResponse, Event or DryRun.", DefaultValueFactory = _ => "RequestResponse" };
        type.AcceptOnlyFromAmong("RequestResponse", "Event", "DryRun");
        var command = new Command("invoke", "Invoke a function on a running host and print its response (its log goes to stderr).")
        {
            function, payload, endpoint, type, dataDir,
        };
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            byte[] body;
            var text = parse.GetValue(payload)!;
            try
            {
                body = text.StartsWith('@') ? await File.ReadAllBytesAsync(text[1..], cancellationToken) : Encoding.UTF8.GetBytes(text);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"ember: cannot read the payload file: {e.Message}");
                return 2;
            }
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var url = $"{parse.GetValue(endpoint)!.TrimEnd('/')}/2015-03-31/functions/{Uri.EscapeDataString(parse.GetValue(function)!)}/invocations";
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-Amz-Invocation-Type", parse.GetValue(type));
            request.Headers.Add("X-Amz-Log-Type", "Tail");
            if (HostCredentials.Load(parse.GetValue(dataDir)!.FullName) is { } credentials)
            {
                Sign(request, body, credentials);
            }
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                Console.Error.WriteLine($"ember: no host answered at {parse.GetValue(endpoint)} ({e.Message}). Start one with ./ember up.");
                return 1;
            }
            using (response)
            {
                if (response.Headers.TryGetValues("X-Amz-Log-Result", out var tail))
                {
                    Console.Error.Write(Encoding.UTF8.GetString(Convert.FromBase64String(tail.First())));
                }
                var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                Console.WriteLine(answer);
                if (!response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"ember: {(int)response.StatusCode} {response.Headers.GetValues("x-amzn-ErrorType").FirstOrDefault()}");
                    return 1;
                }
                return response.Headers.Contains("X-Amz-Function-Error") ? 1 : 0;
            }
        });
        return command;
    }

    /// <summary>Signs the request with SigV4 as the AWS CLI would (every header it carries, and Host).</summary>
    private static void Sign(HttpRequestMessage request, byte[] body, AwsCredentials credentials)
    {
        var uri = request.RequestUri!;
        List<KeyValuePair<string, string>> headers =
        [
            new("Host", uri.Authority),
            new("Content-Type", "application/json"),
            .. request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, string.Join(',', h.Value))),
        ];
        var signing = new SignedRequest("POST", uri.AbsolutePath, uri.Query.TrimStart('?'), headers, body);
        foreach (var (name, value) in SigV4.Sign(signing, credentials, HostIdentity.DefaultRegion, SignatureGuard.Service, DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
