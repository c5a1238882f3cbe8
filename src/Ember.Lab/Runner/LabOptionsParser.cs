using System.Globalization;

namespace Ember.Lab.Runner;

/// <summary>
/// Parses <c>ember lab [--quick] [--runtimes LIST] [--sizes LIST] [--memory MB|LIST] [--cold N] [-n N] [-c N]
/// [--rounds N] [--warmup N] [--baseline RUNTIME] [--url NAME=URL ...] [--out DIR]</c>. Flags given
/// explicitly win over <c>--quick</c>'s smaller defaults, whatever their order. All problems are reported
/// at once rather than the first of several.
/// </summary>
internal static class LabOptionsParser
{
    public const string Usage =
        "ember lab [--quick] [--runtimes LIST] [--sizes LIST] [--memory MB|LIST] [--cold N] [-n N] [-c N] " +
        "[--rounds N] [--warmup N] [--baseline RUNTIME] [--url NAME=URL ...] [--scenario io|canary] [--burst N:C [--reserved R]] [--provisioned N] [--out DIR]\n" +
        "       ember lab --template T --function NAME [--function NAME ...] --payload FILE [--payload FILE ...] [--memory LIST] [--cold N] [-n N] [-c N] [--rounds N] [--out DIR]\n" +
        "       ember lab --endpoint URL [--profile P] [--region R] --function NAME ... --payload FILE ... [same options]";

    /// <param name="knownRuntimes">When given, the runtimes --runtimes may name (the embedded lab's); an unknown one is an error.</param>
    public static LabOptionsParseResult Parse(IReadOnlyList<string> args, DateTimeOffset now, IReadOnlyList<string>? knownRuntimes = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var errors = new List<string>();
        var quick = args.Contains("--quick");
        var defaultOut = LabOptions.DefaultOutputDirectory(now);
        var options = quick ? LabOptions.QuickDefaults(defaultOut) : new LabOptions { OutputDirectory = defaultOut };
        var remote = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        var functions = new List<string>();
        var payloads = new List<string>();
        var given = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag == "--quick")
            {
                continue;
            }

            if (!flag.StartsWith('-'))
            {
                errors.Add($"'{flag}': unexpected argument; usage: {Usage}");
                continue;
            }

            string? value = null;
            if (i + 1 < args.Count && !IsFlag(args[i + 1]))
            {
                value = args[++i];
            }

            if (value is null && IsKnownFlag(flag))
            {
                errors.Add($"{flag}: a value is required.");
                continue;
            }

            given.Add(flag);
            switch (flag)
            {
                case "--function":
                    functions.AddRange(SplitList(value!).Where(f => !functions.Contains(f, StringComparer.Ordinal)));
                    break;
                case "--payload":
                    payloads.Add(value!);
                    break;
                case "--endpoint":
                    if (Uri.TryCreate(value, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https")
                    {
                        options = options with { Endpoint = endpoint };
                    }
                    else
                    {
                        errors.Add($"--endpoint: '{value}' is not an absolute http or https URL.");
                    }
                    break;
                case "--scenario":
                    if (LabOptions.Scenarios.Contains(value!, StringComparer.Ordinal))
                    {
                        options = options with { Scenario = value };
                    }
                    else
                    {
                        errors.Add($"--scenario: '{value}' is not one of {string.Join(", ", LabOptions.Scenarios)}.");
                    }
                    break;
                case "--burst":
                    var parts = value!.Split(':');
                    if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var burstRequests)
                        && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var burstConcurrency)
                        && burstRequests >= 1 && burstConcurrency >= 1 && burstConcurrency <= burstRequests && burstConcurrency <= 1000)
                    {
                        options = options with { Burst = (burstRequests, burstConcurrency) };
                    }
                    else
                    {
                        errors.Add($"--burst: '{value}' is not N:C, N requests from C concurrent clients (1 ≤ C ≤ N, C ≤ 1000), as hey -n N -c C.");
                    }
                    break;
                case "--provisioned":
                    var provisioned = ParseInt(flag, value!, errors, 0);
                    if (provisioned is >= 1 and <= 100)
                    {
                        options = options with { Provisioned = provisioned };
                    }
                    else
                    {
                        errors.Add($"--provisioned: the provisioned environments must be from 1 to 100 (got {value}).");
                    }
                    break;
                case "--reserved":
                    options = options with { BurstReserved = ParseInt(flag, value!, errors, options.BurstReserved) };
                    if (options.BurstReserved is < 1 or > 1000)
                    {
                        errors.Add($"--reserved: the reserved concurrency must be from 1 to 1000 (got {options.BurstReserved}).");
                    }
                    break;
                case "--profile":
                    options = options with { Profile = value };
                    break;
                case "--region":
                    options = options with { Region = value };
                    break;
                case "--runtimes":
                    options = options with { Runtimes = SplitList(value!) };
                    break;
                case "--sizes":
                    options = options with { Sizes = ParseIntList(flag, value!, errors) };
                    break;
                case "--memory":
                    options = options with { MemorySizesMb = ParseIntList(flag, value!, errors) };
                    break;
                case "--cold":
                    options = options with { ColdStarts = ParseInt(flag, value!, errors, options.ColdStarts) };
                    break;
                case "-n":
                    options = options with { WarmRequests = ParseInt(flag, value!, errors, options.WarmRequests) };
                    break;
                case "-c":
                    options = options with { WarmConcurrency = ParseInt(flag, value!, errors, options.WarmConcurrency) };
                    break;
                case "--rounds":
                    options = options with { WarmRounds = ParseInt(flag, value!, errors, options.WarmRounds) };
                    break;
                case "--warmup":
                    options = options with { WarmupRequests = ParseInt(flag, value!, errors, options.WarmupRequests) };
                    break;
                case "--baseline":
                    options = options with { Baseline = value!.Trim() };
                    break;
                case "--out":
                    options = options with { OutputDirectory = value! };
                    break;
                case "--url":
                    ParseUrl(value!, remote, errors);
                    break;
                default:
                    errors.Add($"{flag}: unknown option; usage: {Usage}");
                    if (value is not null)
                    {
                        i--; // the token after an unknown flag is judged on its own
                    }

                    break;
            }
        }

        options = options with { RemoteUrls = remote };
        if (given.Contains("--reserved") && !given.Contains("--burst"))
        {
            errors.Add("--reserved: only with --burst N:C (the reserved concurrency the burst meets).");
        }
        if (functions.Count > 0)
        {
            // The user's own functions: each is a target, each payload file one column of the size axis.
            foreach (var flag in new[] { "--runtimes", "--sizes", "--url", "--scenario" }.Where(given.Contains))
            {
                errors.Add($"{flag}: not with --function (the functions are the targets, the --payload files the sizes).");
            }
            if (payloads.Count == 0)
            {
                errors.Add("--payload: --function needs at least one event file to send.");
            }
            options = options with
            {
                Functions = functions,
                PayloadFiles = payloads,
                Runtimes = functions,
                Sizes = [.. Enumerable.Range(1, Math.Max(payloads.Count, 1))],
                Baseline = given.Contains("--baseline") ? options.Baseline : functions[0],
            };
            knownRuntimes = null;
        }
        else
        {
            foreach (var flag in new[] { "--payload", "--endpoint", "--profile", "--region" }.Where(given.Contains))
            {
                errors.Add($"{flag}: only with --function NAME (the lab's built-in run measures the telemetry functions).");
            }
        }
        if (knownRuntimes is not null)
        {
            foreach (var unknown in options.Runtimes.Where(r => !knownRuntimes.Contains(r, StringComparer.OrdinalIgnoreCase)))
            {
                errors.Add($"--runtimes: '{unknown}' is not one of {string.Join(", ", knownRuntimes)}.");
            }
        }
        errors.AddRange(options.Validate().Where(e => !errors.Contains(e)));
        return errors.Count == 0 ? new LabOptionsParseResult(options, errors) : new LabOptionsParseResult(null, errors);
    }

    private static bool IsKnownFlag(string flag) =>
        flag is "--runtimes" or "--sizes" or "--memory" or "--cold" or "-n" or "-c" or "--rounds" or "--warmup" or "--baseline" or "--out" or "--url"
            or "--function" or "--payload" or "--endpoint" or "--profile" or "--region" or "--scenario" or "--burst" or "--reserved" or "--provisioned";

    // "-5" is a (bad) value, not a flag, so a negative count is reported as such.
    private static bool IsFlag(string token) => token.StartsWith('-') && !(token.Length > 1 && char.IsAsciiDigit(token[1]));

    private static string[] SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int ParseInt(string flag, string value, List<string> errors, int fallback)
    {
        if (int.TryParse(value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors.Add($"{flag}: '{value}' is not a whole number.");
        return fallback;
    }

    private static int[] ParseIntList(string flag, string value, List<string> errors)
    {
        var items = SplitList(value);
        var parsed = new List<int>(items.Length);
        foreach (var item in items)
        {
            if (int.TryParse(item.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                parsed.Add(number);
            }
            else
            {
                errors.Add($"{flag}: '{item}' is not a whole number.");
            }
        }

        return [.. parsed.Distinct()];
    }

    private static void ParseUrl(string value, Dictionary<string, Uri> remote, List<string> errors)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            errors.Add($"--url: '{value}' is not NAME=URL.");
            return;
        }

        var name = value[..equals].Trim();
        var url = value[(equals + 1)..].Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"--url: '{url}' for '{name}' is not an absolute http or https URL.");
            return;
        }

        if (!remote.TryAdd(name, uri))
        {
            errors.Add($"--url: '{name}' is given more than once.");
        }
    }
}
