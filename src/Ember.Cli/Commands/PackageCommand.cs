using System.CommandLine;
using System.Globalization;
using Ember.Host.Build;

namespace Ember.Cli.Commands;

/// <summary>`ember package PROJECT_DIR`: a .NET function project to a Lambda deployment zip.</summary>
internal static class PackageCommand
{
    public static Command Create()
    {
        var project = new Argument<DirectoryInfo>("PROJECT_DIR") { Description = "The .NET function project's folder (one .csproj)." };
        var arch = new Option<string>("--arch") { Description = "Target architecture.", DefaultValueFactory = _ => BuildConventions.ArchitectureX64 };
        arch.AcceptOnlyFromAmong(BuildConventions.ArchitectureX64, BuildConventions.ArchitectureArm64);
        var flavor = new Option<string>("--flavor") { Description = "aot: Native AOT executable; jit: framework-dependent app started by a bootstrap script.", DefaultValueFactory = _ => BuildConventions.FlavorAot };
        flavor.AcceptOnlyFromAmong(BuildConventions.FlavorAot, BuildConventions.FlavorJit);
        var output = new Option<FileInfo?>("--out") { Description = "The zip to write (default: ./<project>-<arch>-<flavor>.zip)." };

        var command = new Command("package", "Build a .NET function for provided.al2023 and write its Lambda deployment zip (bootstrap at the root).")
        {
            project,
            arch,
            flavor,
            output,
        };
        command.SetAction(async (ParseResult result, CancellationToken ct) =>
        {
            var dir = result.GetValue(project)!;
            var architecture = result.GetValue(arch)!;
            var flavorValue = result.GetValue(flavor)!;
            var zip = result.GetValue(output)?.FullName
                ?? Path.GetFullPath($"{dir.Name}-{architecture}-{flavorValue}.zip");
            var cache = Path.Combine(Environment.CurrentDirectory, ".ember", "build-cache");
            try
            {
                Console.Error.WriteLine($"ember: building {dir.FullName} ({flavorValue}, {architecture})...");
                var package = await new FunctionPackager(new FunctionBuilder(cache)).PackageAsync(dir.FullName, architecture, flavorValue, zip, ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Wrote {package.ZipPath}: {package.ZipBytes / 1024.0:F0} KiB zipped, bootstrap {package.BootstrapBytes / 1024.0:F1} KiB ({(package.Build.FromCache ? "cached build" : $"built in {package.Build.Elapsed.TotalSeconds:F1} s")})."));
                return 0;
            }
            catch (BuildException ex)
            {
                Console.Error.WriteLine($"ember package: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
