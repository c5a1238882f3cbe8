using System.Text.RegularExpressions;
using Ember.Host.Functions;
using Ember.Host.Templates;
using Ember.Host.Wire;

namespace Ember.Host.ControlPlane;

/// <summary>Checks a function's settings as Lambda does, reporting every problem at once, each naming the field.</summary>
internal static partial class FunctionValidation
{
    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex FunctionNamePattern();

    [GeneratedRegex("^(?!^[0-9]+$)[a-zA-Z0-9_-]{1,128}$")]
    private static partial Regex AliasNamePattern();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]+$")]
    private static partial Regex VariableNamePattern();

    public static bool IsFunctionName(string? name) => name is not null && FunctionNamePattern().IsMatch(name);

    public static bool IsAliasName(string? name) => name is not null && name != ControlPlaneValues.Latest && AliasNamePattern().IsMatch(name);

    /// <summary>Every problem with <paramref name="configuration"/>; empty when Lambda would accept it.</summary>
    public static List<string> Check(FunctionConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        if (!IsFunctionName(configuration.Name))
        {
            problems.Add($"FunctionName '{configuration.Name}' must be 1-64 letters, digits, hyphens or underscores.");
        }
        if (!RuntimeNames.IsSupported(configuration.Runtime))
        {
            problems.Add($"Runtime '{configuration.Runtime}' is not supported; use one of {RuntimeNames.SupportedList}.");
        }
        if (string.IsNullOrWhiteSpace(configuration.Handler) || configuration.Handler.Length > 128)
        {
            problems.Add("Handler must be given (1-128 characters), e.g. handlers.main or bootstrap.");
        }
        else if (RuntimeNames.IsPython(configuration.Runtime) && configuration.Handler.LastIndexOf('.') <= 0)
        {
            problems.Add($"Handler '{configuration.Handler}' must be module.function for {configuration.Runtime}.");
        }
        if (configuration.MemoryMb is < ControlPlaneValues.MinMemoryMb or > ControlPlaneValues.MaxMemoryMb)
        {
            problems.Add($"MemorySize {configuration.MemoryMb} is outside {ControlPlaneValues.MinMemoryMb}-{ControlPlaneValues.MaxMemoryMb} MB.");
        }
        if (configuration.TimeoutSeconds is < 1 or > ControlPlaneValues.MaxTimeoutSeconds)
        {
            problems.Add($"Timeout {configuration.TimeoutSeconds} is outside 1-{ControlPlaneValues.MaxTimeoutSeconds} seconds.");
        }
        if (configuration.Architecture is not (ControlPlaneValues.ArchitectureX86 or ControlPlaneValues.ArchitectureArm))
        {
            problems.Add($"Architectures '{configuration.Architecture}' must be x86_64 or arm64.");
        }
        if (configuration.Description.Length > 256)
        {
            problems.Add("Description must be at most 256 characters.");
        }
        foreach (var (name, value) in configuration.Environment)
        {
            if (value is null)
            {
                problems.Add($"Environment.Variables value of '{name}' is null; give a string.");
            }
            else if (!VariableNamePattern().IsMatch(name))
            {
                problems.Add($"Environment.Variables key '{name}' must be 2 or more letters, digits and underscores, starting with a letter.");
            }
            else if (name.StartsWith("AWS_", StringComparison.Ordinal) && name is not "AWS_LAMBDA_MAX_CONCURRENCY")
            {
                problems.Add($"Environment.Variables key '{name}' is reserved by Lambda.");
            }
        }
        var environmentSize = configuration.Environment.Sum(p => p.Key.Length + (p.Value?.Length ?? 0));
        if (environmentSize > 4096)
        {
            problems.Add($"Environment.Variables total {environmentSize} bytes, over Lambda's 4 KB.");
        }
        return problems;
    }

    /// <summary>Checks an alias's routing weights: at most one other version, weight within [0, 1].</summary>
    public static List<string> CheckRouting(string primaryVersion, IReadOnlyDictionary<string, double> weights)
    {
        var problems = new List<string>();
        if (weights.Count > 1)
        {
            problems.Add("RoutingConfig.AdditionalVersionWeights may name at most one version.");
        }
        foreach (var (version, weight) in weights)
        {
            if (version == primaryVersion)
            {
                problems.Add($"RoutingConfig.AdditionalVersionWeights names version {version}, which is already the alias's FunctionVersion.");
            }
            if (version == ControlPlaneValues.Latest || !uint.TryParse(version, out _))
            {
                problems.Add($"RoutingConfig.AdditionalVersionWeights key '{version}' must be a published version number.");
            }
            if (double.IsNaN(weight) || weight is < 0 or > 1)
            {
                problems.Add($"RoutingConfig.AdditionalVersionWeights[{version}] = {weight} is outside 0.0-1.0.");
            }
        }
        return problems;
    }
}
