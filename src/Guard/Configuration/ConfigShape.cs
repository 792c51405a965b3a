using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Guard.Configuration;

/// <summary>
/// Checks the shape of the <c>Guard</c> tree before binding, because the binder silently skips what it cannot
/// place: a list given as an object, keys under a single value, <c>{"Guard":"yes"}</c>, and reads a bare
/// number as days for a time span. Paths use <c>*</c> for a list index or a dictionary key.
/// </summary>
public static class ConfigShape
{
    /// <summary>Every key that holds an object, a list or a dictionary; any other key holds one value.</summary>
    public static IReadOnlyDictionary<string, ConfigNodeKind> Containers { get; } = new Dictionary<string, ConfigNodeKind>(StringComparer.OrdinalIgnoreCase)
    {
        [""] = ConfigNodeKind.Object,
        ["Probe"] = ConfigNodeKind.Object,
        ["OpenClaw"] = ConfigNodeKind.Object,
        ["Recovery"] = ConfigNodeKind.Object,
        ["Recovery:RestartOnKind"] = ConfigNodeKind.Map,
        ["Quota"] = ConfigNodeKind.Object,
        ["Quota:CriticalArguments"] = ConfigNodeKind.List,
        ["Quota:Budgets"] = ConfigNodeKind.Map,
        ["Quota:Budgets:*"] = ConfigNodeKind.Object,
        ["Alerts"] = ConfigNodeKind.Object,
        ["Alerts:Channels"] = ConfigNodeKind.List,
        ["Alerts:Channels:*"] = ConfigNodeKind.Object,
        ["Alerts:Channels:*:Arguments"] = ConfigNodeKind.List,
        ["Alerts:Templates"] = ConfigNodeKind.Map,
        ["Alerts:Templates:*"] = ConfigNodeKind.Object,
        ["Logging"] = ConfigNodeKind.Object,
        ["Metrics"] = ConfigNodeKind.Object,
        ["Models"] = ConfigNodeKind.List,
        ["Models:*"] = ConfigNodeKind.Object,
        ["Models:*:Tiers"] = ConfigNodeKind.List,
        ["Models:*:Headers"] = ConfigNodeKind.Map,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every key that holds a time span (TimeSpan or TimeSpan?).</summary>
    public static IReadOnlySet<string> TimeSpans { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Probe:Timeout", "Probe:DeepEvery", "Probe:FallbackDelay", "Probe:RateLimitEscalateAfter",
        "OpenClaw:CliTimeout", "OpenClaw:RediscoverEvery", "OpenClaw:StuckWindow", "OpenClaw:RestoreAfter", "OpenClaw:ReorderMinInterval",
        "Recovery:RestartWindow", "Recovery:VerifyTimeout", "Recovery:MinSpacing", "Recovery:HealthCheckInterval",
        "Quota:LeadTime", "Quota:CheckEvery", "Quota:Budgets:*:Window",
        "Alerts:RepeatEvery", "Alerts:Channels:*:Timeout",
        "Models:*:Timeout",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<ConfigProblem> Check(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<ConfigProblem>();
        var guard = configuration.GetSection(GuardOptions.SectionName);
        if (guard.Value is not null || guard.GetChildren().Any())
        {
            Walk(guard, "", problems);
        }

        return problems;
    }

    private static void Walk(IConfigurationSection section, string pattern, List<ConfigProblem> problems)
    {
        var children = section.GetChildren().ToList();
        if (!Containers.TryGetValue(pattern, out var kind))
        {
            CheckValue(section, pattern, children, problems);
            return;
        }

        if (!string.IsNullOrEmpty(section.Value))
        {
            // Not echoed: a value in the wrong place may be a pasted secret.
            problems.Add(new(section.Path, null, kind == ConfigNodeKind.List
                ? "must be a list ([ … ]), not a single value"
                : "must be an object ({ … }), not a single value"));
            return;
        }

        var indexed = children.Count > 0 && children.TrueForAll(c => IsIndex(c.Key));
        if (kind == ConfigNodeKind.List && !indexed && children.Count > 0)
        {
            problems.Add(new(section.Path, null, $"must be a list ([ … ]), not an object (found key '{children.First(c => !IsIndex(c.Key)).Key}')"));
            return;
        }

        if (kind == ConfigNodeKind.Object && indexed)
        {
            problems.Add(new(section.Path, null, "must be an object ({ … }), not a list"));
            return;
        }

        if (kind == ConfigNodeKind.Map && indexed && pattern.EndsWith("Headers", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(section.Path, null, "must be an object of header name → value, not a list"));
            return;
        }

        foreach (var child in children)
        {
            var childPattern = kind == ConfigNodeKind.Object ? child.Key : "*";
            Walk(child, pattern.Length == 0 ? childPattern : $"{pattern}:{childPattern}", problems);
        }
    }

    private static void CheckValue(IConfigurationSection section, string pattern, List<IConfigurationSection> children, List<ConfigProblem> problems)
    {
        if (children.Count > 0)
        {
            var names = string.Join(", ", children.Select(c => c.Key).Take(5));
            problems.Add(new(section.Path, null, $"takes a single value, not an object or list (unknown keys under it: {names})"));
            return;
        }

        // TimeSpan.Parse reads "30" as 30 days; the documented forms always have a colon.
        if (TimeSpans.Contains(pattern) && section.Value is { Length: > 0 } value && !value.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _))
        {
            problems.Add(new(section.Path, value, "a bare number is not a time span: write hh:mm:ss or d.hh:mm:ss (00:00:30 = 30 seconds, 1.00:00:00 = 1 day)"));
        }
    }

    private static bool IsIndex(string key) =>
        key.Length > 0 && key.All(char.IsAsciiDigit);
}
