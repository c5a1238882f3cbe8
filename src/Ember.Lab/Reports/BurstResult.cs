namespace Ember.Lab.Reports;

/// <summary>
/// One runtime's burst (<c>--burst N:C</c>): N requests from C concurrent clients against a reserved
/// concurrency, as the published experiment's <c>hey -n 500 -c 50</c>: how many were served (200), how
/// many throttled (429), anything else, and the latency of the served ones.
/// </summary>
internal sealed record BurstResult(
    string Runtime,
    string RuntimeLabel,
    int MemoryMb,
    int PayloadEvents,
    int Requests,
    int Concurrency,
    int ReservedConcurrency,
    int Succeeded,
    int Throttled,
    int OtherErrors,
    double P50Ms,
    double P95Ms,
    double MaxMs);
