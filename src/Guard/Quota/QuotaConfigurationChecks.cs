using Guard.Configuration;

namespace Guard.Quota;

/// <summary>Quota rules that need parsing: time zone ids and calendar-aligned windows (called by the cross-field validator).</summary>
public static class QuotaConfigurationChecks
{
    public static IEnumerable<ConfigProblem> Check(QuotaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = $"{GuardOptions.SectionName}:Quota";
        foreach (var (modelId, budget) in options.Budgets)
        {
            if (budget?.TimeZone is not { } zone)
            {
                continue;
            }

            var path = $"{root}:Budgets:{modelId}";
            if (QuotaWindows.FindZone(zone) is null)
            {
                yield return new($"{path}:TimeZone", zone, "not a known IANA time zone id (e.g. America/Los_Angeles, Asia/Shanghai, UTC)");
            }

            if (!QuotaWindows.IsCalendarAligned(budget.Window))
            {
                yield return new($"{path}:Window", budget.Window.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                    "with TimeZone the window must divide a day evenly (e.g. 06:00:00, 1.00:00:00) or be whole days");
            }
        }

        if (options.CriticalArguments.Count > 0 && string.IsNullOrWhiteSpace(options.CriticalCommand))
        {
            yield return new($"{root}:CriticalArguments", null, "set Guard:Quota:CriticalCommand too, or remove the arguments");
        }
    }
}
