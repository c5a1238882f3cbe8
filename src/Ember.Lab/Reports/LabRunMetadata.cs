namespace Ember.Lab.Reports;

/// <summary>When, where and how the run was made, so its numbers can be judged.</summary>
internal sealed record LabRunMetadata(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    MachineInfo Machine,
    LabRunSettings Settings,
    PriceInfo Prices,
    IReadOnlyList<string> Notes,
    PublishedInitInfo PublishedInit,
    AwsEstimateInfo? AwsEstimate = null);
