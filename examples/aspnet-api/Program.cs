using System.Text.Json.Serialization;
using Ember.Lambda.AspNetCore;

// An unmodified Minimal API, but for one line: AddEmberLambdaHosting serves it from Lambda events
// (an HTTP API here) when it runs in a Lambda environment, and leaves Kestrel in place otherwise.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddEmberLambdaHosting(LambdaEventSource.HttpApi);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default));

var app = builder.Build();

app.MapGet("/items/{id:int}", (int id) => id > 0
    ? Results.Ok(new Item(id, $"item {id}"))
    : Results.NotFound(new Problem($"no item {id}")));

app.MapPost("/hello", (Greeting greeting) => string.IsNullOrWhiteSpace(greeting.Name)
    ? Results.BadRequest(new Problem("send {\"name\": \"...\"}"))
    : Results.Created($"/hello/{greeting.Name}", new Reply($"Hello, {greeting.Name}")));

app.MapGet("/search", (string? q, HttpRequest request) => Results.Ok(new SearchResult(q ?? "", request.Headers.UserAgent.ToString())));

app.Run();

internal sealed record Item(int Id, string Name);

internal sealed record Greeting(string? Name);

internal sealed record Reply(string Message);

internal sealed record Problem(string Error);

internal sealed record SearchResult(string Query, string UserAgent);

[JsonSerializable(typeof(Item))]
[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(Reply))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(SearchResult))]
internal sealed partial class AppJsonContext : JsonSerializerContext
{
}
