using Ember.Host.ApiGateway;
using Ember.Host.Templates;

namespace Ember.Host.Tests.ApiGateway;

/// <summary>Route matching as API Gateway does it: the most specific route wins, ANY after a method, a greedy tail last.</summary>
public sealed class ApiRouteTableTests
{
    private static readonly TemplateApi s_rest = new("Rest", ApiKind.Rest, "Prod");
    private static readonly TemplateApi s_http = new("Http", ApiKind.Http, "$default");

    private static TemplateApiRoute Route(string method, string path, string function, TemplateApi? api = null) =>
        new((api ?? s_rest).LogicalId, (api ?? s_rest).Kind, method, path, (api ?? s_rest).Kind == ApiKind.Rest ? "1.0" : "2.0", function);

    private static ApiRouteTable Table(params TemplateApiRoute[] routes) =>
        new(routes, [.. new[] { s_rest, s_http }.Where(a => routes.Any(r => r.ApiId == a.LogicalId))]);

    [Theory]
    [InlineData("GET", "/items/new", "literal")]
    [InlineData("GET", "/items/42", "by-id")]
    [InlineData("DELETE", "/items/42", "any")]
    [InlineData("GET", "/items/42/parts/7", "greedy")]
    [InlineData("GET", "/items", null)]
    [InlineData("GET", "/other", null)]
    public void Match_PicksTheMostSpecificRoute(string method, string path, string? expected)
    {
        var table = Table(
            Route("ANY", "/items/{proxy+}", "greedy"),
            Route("ANY", "/items/{id}", "any"),
            Route("GET", "/items/{id}", "by-id"),
            Route("GET", "/items/new", "literal"));

        Assert.Equal(expected, table.Match(method, path)?.Route.FunctionName);
    }

    [Fact]
    public void Match_GivesPathParameters_AGreedyOneWithItsSlashes()
    {
        var table = Table(Route("GET", "/users/{user}/files/{path+}", "f"));

        var match = table.Match("GET", "/users/ada/files/a/b/c.txt")!.Value;

        Assert.Equal([new("user", "ada"), new("path", "a/b/c.txt")], match.PathParameters);
    }

    [Fact]
    public void HttpApiDefaultRoute_TakesWhatNothingElseDoes_AndAMissIsA404OnlyWithoutRestApis()
    {
        var withDefault = Table(Route("GET", "/a", "a", s_http), Route("ANY", TemplateApiRoute.DefaultRoute, "fallback", s_http));
        var httpOnly = Table(Route("GET", "/a", "a", s_http));
        var mixed = Table(Route("GET", "/a", "a", s_http), Route("GET", "/b", "b"));

        Assert.Equal("fallback", withDefault.Match("POST", "/anything/at/all")?.Route.FunctionName);
        Assert.Equal("a", withDefault.Match("GET", "/a")?.Route.FunctionName);
        Assert.Equal(ApiKind.Http, httpOnly.MissKind);
        Assert.Equal(ApiKind.Rest, mixed.MissKind);
    }
}
