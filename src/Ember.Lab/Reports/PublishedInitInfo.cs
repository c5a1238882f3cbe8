namespace Ember.Lab.Reports;

/// <summary>Which published Init table a run was compared with, so the report can give its source and date.</summary>
internal sealed record PublishedInitInfo(string Source, string Method, string Url, string File, DateTimeOffset GeneratedAt, string Architecture)
{
    public static PublishedInitInfo From(Published.PublishedInitTable table) =>
        new(table.Source, table.Method, table.Url, table.File, table.GeneratedAt, table.Architecture);
}
