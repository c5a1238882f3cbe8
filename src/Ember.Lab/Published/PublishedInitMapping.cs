namespace Ember.Lab.Published;

/// <summary>Which published runtime a lab runtime is compared with, the label the report gives it, and why that one.</summary>
internal sealed record PublishedInitMapping(string Lab, string Published, string Label, string Why);
