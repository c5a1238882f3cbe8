namespace Ember.Host.Wire;

/// <summary>The values of REPORT's and INIT_REPORT's Status and Phase fields, as Lambda writes them.</summary>
internal static class ReportValues
{
    public const string StatusError = "error";
    public const string StatusTimeout = "timeout";
    public const string PhaseInit = "init";
    public const string PhaseInvoke = "invoke";
}
