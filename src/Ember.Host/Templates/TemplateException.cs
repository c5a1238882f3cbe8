namespace Ember.Host.Templates;

/// <summary>A template that cannot be served; carries every problem found, not just the first.</summary>
internal sealed class TemplateException : Exception
{
    private TemplateException(string path, IReadOnlyList<TemplateProblem> problems)
        : base(FormatMessage(path, problems))
    {
        Path = path;
        Problems = problems;
    }

    public string Path { get; }
    public IReadOnlyList<TemplateProblem> Problems { get; }

    /// <summary>The functions that were read without a problem, so that what can be checked of them is reported with the rest.</summary>
    public IReadOnlyList<TemplateFunction> Readable { get; private init; } = [];

    public static TemplateException Invalid(string path, IReadOnlyList<TemplateProblem> problems, IReadOnlyList<TemplateFunction>? readable = null) =>
        new(path, problems) { Readable = readable ?? [] };

    public static TemplateException Unreadable(string path, string reason) =>
        new(path, [new TemplateProblem(null, reason)]);

    private static string FormatMessage(string path, IReadOnlyList<TemplateProblem> problems)
    {
        var noun = problems.Count == 1 ? "problem" : "problems";
        return $"{path}: {problems.Count} {noun}:" + string.Concat(problems.Select(p => "\n  - " + p));
    }
}
