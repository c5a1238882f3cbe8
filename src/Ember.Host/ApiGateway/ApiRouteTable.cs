using Ember.Host.Templates;

namespace Ember.Host.ApiGateway;

/// <summary>
/// The routes of the template's APIs, matched as API Gateway matches them: a method route before
/// ANY, literal segments before <c>{parameters}</c>, and a greedy <c>{proxy+}</c> last, which takes the
/// rest of the path (at least one segment); an HTTP API's <c>$default</c> route takes what nothing else
/// does. Several APIs are served side by side at the root: where two declare the same path, the more
/// specific route wins, then the API declared first.
/// </summary>
internal sealed class ApiRouteTable
{
    private readonly List<Entry> _entries;
    private readonly List<TemplateApiRoute> _defaults;

    public ApiRouteTable(IEnumerable<TemplateApiRoute> routes, IReadOnlyList<TemplateApi> apis)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(apis);
        Apis = apis.ToDictionary(a => a.LogicalId, StringComparer.Ordinal);
        var all = routes.ToList();
        _defaults = [.. all.Where(r => r.Path == TemplateApiRoute.DefaultRoute)];
        var order = apis.Select(a => a.LogicalId).ToList();
        _entries = [.. all.Where(r => r.Path != TemplateApiRoute.DefaultRoute)
            .Select(r => new Entry(r, Segments(r.Path)))
            .OrderByDescending(e => e.Specificity)
            .ThenBy(e => e.Route.Method == TemplateApiRoute.AnyMethod ? 1 : 0)
            .ThenBy(e => order.IndexOf(e.Route.ApiId))];
    }

    public IReadOnlyDictionary<string, TemplateApi> Apis { get; }

    public IEnumerable<TemplateApiRoute> Routes => _entries.Select(e => e.Route).Concat(_defaults);

    /// <summary>
    /// The route for <paramref name="method"/> and <paramref name="path"/>, with its path parameters;
    /// null when none matches (<see cref="MissKind"/> says how to answer).
    /// </summary>
    public (TemplateApiRoute Route, IReadOnlyList<KeyValuePair<string, string>> PathParameters)? Match(string method, string path)
    {
        var segments = Split(path);
        foreach (var entry in _entries)
        {
            if (entry.Route.Method != TemplateApiRoute.AnyMethod && !string.Equals(entry.Route.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (entry.TryMatch(segments) is { } parameters)
            {
                return (entry.Route, parameters);
            }
        }
        return _defaults.Count > 0 ? (_defaults[0], []) : null;
    }

    /// <summary>What answers a request no route takes: API Gateway's REST 403 unless every API is an HTTP API (404).</summary>
    public ApiKind MissKind => Apis.Values.All(a => a.Kind == ApiKind.Http) ? ApiKind.Http : ApiKind.Rest;

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static Segment[] Segments(string template) =>
        [.. Split(template).Select(s => s.StartsWith('{') && s.EndsWith('}')
            ? s.EndsWith("+}", StringComparison.Ordinal) ? new Segment(SegmentKind.Greedy, s[1..^2]) : new Segment(SegmentKind.Parameter, s[1..^1])
            : new Segment(SegmentKind.Literal, s))];

    private enum SegmentKind
    {
        Literal,
        Parameter,
        Greedy,
    }

    private sealed record Segment(SegmentKind Kind, string Text);

    private sealed record Entry(TemplateApiRoute Route, Segment[] Segments)
    {
        /// <summary>Literal segments count most, then parameters; a greedy tail least; longer templates first among equals.</summary>
        public (int, int, int, int) Specificity =>
            (Segments.Any(s => s.Kind == SegmentKind.Greedy) ? 0 : 1,
             Segments.TakeWhile(s => s.Kind == SegmentKind.Literal).Count(),
             Segments.Count(s => s.Kind == SegmentKind.Literal),
             Segments.Length);

        public List<KeyValuePair<string, string>>? TryMatch(string[] path)
        {
            var parameters = new List<KeyValuePair<string, string>>();
            for (var i = 0; i < Segments.Length; i++)
            {
                var segment = Segments[i];
                if (segment.Kind == SegmentKind.Greedy)
                {
                    if (i >= path.Length)
                    {
                        return null;
                    }
                    parameters.Add(new(segment.Text, string.Join('/', path[i..])));
                    return parameters;
                }
                if (i >= path.Length)
                {
                    return null;
                }
                if (segment.Kind == SegmentKind.Literal)
                {
                    if (!string.Equals(segment.Text, path[i], StringComparison.Ordinal))
                    {
                        return null;
                    }
                }
                else
                {
                    parameters.Add(new(segment.Text, path[i]));
                }
            }
            return path.Length == Segments.Length ? parameters : null;
        }
    }
}
