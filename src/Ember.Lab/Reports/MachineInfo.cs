namespace Ember.Lab.Reports;

internal sealed record MachineInfo(int Cores, long MemoryBytes, string Os, string DotnetVersion, string ProcessArchitecture)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString());
}
