namespace Ember.Host.Build;

/// <summary>The names of SAM's build conventions that Ember follows, in one place.</summary>
internal static class BuildConventions
{
    public const string GoMethod = "go1.x";
    public const string DotnetMethodPrefix = "dotnet";
    public const string MakefileMethod = "makefile";

    public const string ArchitectureX64 = Wire.ControlPlaneValues.ArchitectureX86;
    public const string ArchitectureArm64 = Wire.ControlPlaneValues.ArchitectureArm;

    /// <summary>BuildProperties key choosing how a .NET function is built.</summary>
    public const string FlavorProperty = "Flavor";

    /// <summary>Native AOT executable named bootstrap (the default).</summary>
    public const string FlavorAot = "aot";

    /// <summary>Framework-dependent build started by a bootstrap shell script with <c>dotnet app.dll</c>.</summary>
    public const string FlavorJit = "jit";

    /// <summary>BuildProperties key naming the .csproj when the folder holds several.</summary>
    public const string ProjectProperty = "Project";

    public const string BootstrapFile = "bootstrap";
    public const string ArtifactsDirVariable = "ARTIFACTS_DIR";

    public static readonly string[] SupportedMethods = [GoMethod, "dotnet8 (any dotnet…)", MakefileMethod];
}
