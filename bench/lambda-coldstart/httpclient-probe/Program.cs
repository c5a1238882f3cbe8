// The first /next through HttpClient, as a runtime client built on it would send it.
using var client = new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
var api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
using var response = await client.GetAsync($"http://{api}/2018-06-01/runtime/invocation/next");
return (int)response.StatusCode == 200 ? 0 : 1;
