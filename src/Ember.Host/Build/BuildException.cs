namespace Ember.Host.Build;

/// <summary>A function could not be built; the message names the function, the command and what the tool said.</summary>
internal sealed class BuildException : Exception
{
    private BuildException(string functionName, string message)
        : base(message)
    {
        FunctionName = functionName;
    }

    public string FunctionName { get; }

    public static BuildException UnknownMethod(string function, string method) =>
        new(function, $"Function '{function}': unknown Metadata BuildMethod '{method}'. Use one of: {string.Join(", ", BuildConventions.SupportedMethods)}.");

    public static BuildException UnknownArchitecture(string function, string architecture) =>
        new(function, $"Function '{function}': unknown architecture '{architecture}'. Use {BuildConventions.ArchitectureX64} or {BuildConventions.ArchitectureArm64}.");

    public static BuildException UnknownFlavor(string function, string flavor) =>
        new(function, $"Function '{function}': unknown BuildProperties {BuildConventions.FlavorProperty} '{flavor}'. Use {BuildConventions.FlavorAot} (Native AOT, the default) or {BuildConventions.FlavorJit} (framework-dependent).");

    public static BuildException MissingSource(string function, string directory) =>
        new(function, $"Function '{function}': source directory '{directory}' does not exist. Check its CodeUri.");

    public static BuildException MissingToolchain(string function, string tool, string method, string hint) =>
        new(function, $"Function '{function}': BuildMethod {method} needs '{tool}', which is not on PATH. {hint}");

    public static BuildException NoProject(string function, string directory, int found) =>
        new(function, found == 0
            ? $"Function '{function}': no .csproj in '{directory}'."
            : $"Function '{function}': {found} .csproj files in '{directory}'; name one with BuildProperties {BuildConventions.ProjectProperty}.");

    public static BuildException CrossArchitectureUnsupported(string function, string architecture, string reason) =>
        new(function, $"Function '{function}': cannot build a Native AOT {architecture} executable on this {System.Runtime.InteropServices.RuntimeInformation.OSArchitecture} machine: {reason} Build on an {architecture} machine, or use BuildProperties {BuildConventions.FlavorProperty}: {BuildConventions.FlavorJit}.");

    public static BuildException ToolFailed(string function, string command, int exitCode, string outputTail) =>
        new(function, $"Function '{function}': `{command}` failed with exit code {exitCode}. Last output:\n{outputTail}");

    public static BuildException NoOutput(string function, string command, string expected) =>
        new(function, $"Function '{function}': `{command}` succeeded but produced no {expected}.");
}
