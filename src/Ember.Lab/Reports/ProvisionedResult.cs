namespace Ember.Lab.Reports;

/// <summary>
/// <c>--provisioned N</c>: per runtime and memory size, the first request after an on-demand cold start
/// beside the first request to a provisioned environment (both through the Invoke API), with what their
/// REPORTs said (a provisioned environment's REPORT has no Init Duration, as on Lambda) and the cost
/// model's provisioned charges.
/// </summary>
internal sealed record ProvisionedResult(
    string Runtime,
    string RuntimeLabel,
    int MemoryMb,
    int PayloadEvents,
    int Environments,
    IReadOnlyList<double> OnDemandFirstMs,
    IReadOnlyList<double> ProvisionedFirstMs,
    double? OnDemandInitMs,
    int ProvisionedReportsWithInit,
    int ProvisionedReports,
    decimal OnDemandPerMillionX86,
    decimal ProvisionedPerMillionX86,
    decimal StandingPerEnvironmentHourX86,
    int Errors);
