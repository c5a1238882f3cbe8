namespace Ember.Lab.Published;

/// <summary>One runtime at one memory size in the published table: average Init Duration and Max Memory Used of that day's cold starts.</summary>
internal sealed record PublishedInitFigure(int MemoryMb, double InitMs, double MaxMemoryUsedMb);
