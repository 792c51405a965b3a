using Cronos;
using Microsoft.Extensions.Options;

namespace Guard.Configuration;

/// <summary>Rules that span fields or need parsing: schedule syntax, unique ids, URLs, channel requirements.</summary>
public sealed class GuardOptionsCrossFieldValidator : IValidateOptions<GuardOptions>
{
    public ValidateOptionsResult Validate(string? name, GuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Check(options).ToList();
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => p.ToString()));
    }

    public static IEnumerable<ConfigProblem> Check(GuardOptions options, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string root = GuardOptions.SectionName;

        if (!TryParseSchedule(options.Probe.Schedule, now ?? TimeProvider.System.GetUtcNow(), out var scheduleError))
        {
            yield return new($"{root}:Probe:Schedule", options.Probe.Schedule, scheduleError);
        }

        if (options.Quota.CriticalPercent <= options.Quota.WarnPercent)
        {
            yield return new($"{root}:Quota:CriticalPercent", options.Quota.CriticalPercent.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"must be greater than Guard:Quota:WarnPercent ({options.Quota.WarnPercent})");
        }

        var seenIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Models.Count; i++)
        {
            var model = options.Models[i];
            var path = $"{root}:Models:{i}";
            // Trimmed: "zhipu/glm-4.7 " and "zhipu/glm-4.7" are one model to the gateway.
            if (!string.IsNullOrWhiteSpace(model.Id) && !seenIds.Add(model.Id.Trim()))
            {
                yield return new($"{path}:Id", model.Id, "duplicate model id (ids are compared ignoring case and surrounding spaces); each model may appear once");
            }

            if (UrlCredentials.HasUserInfo(model.BaseUrl))
            {
                // Never echoed: the value holds a password.
                yield return new($"{path}:BaseUrl", null, "must not contain user:password@ (it would be shown and logged); put the key in the variable named by ApiKeyEnv");
            }
            else if (!string.IsNullOrEmpty(model.BaseUrl) && !IsHttpUrl(model.BaseUrl))
            {
                yield return new($"{path}:BaseUrl", model.BaseUrl, "must be an absolute http:// or https:// URL");
            }

            foreach (var problem in HeaderChecks.Check(model.Headers, $"{path}:Headers"))
            {
                yield return problem;
            }

            if (model.Tiers.Count == 0)
            {
                yield return new($"{path}:Tiers", null, "must name at least one tier (Reach, Deep)");
            }
        }

        if (UrlCredentials.HasUserInfo(options.OpenClaw.HealthUrl))
        {
            yield return new($"{root}:OpenClaw:HealthUrl", null, "must not contain user:password@ (it would be shown and logged)");
        }
        else if (!string.IsNullOrEmpty(options.OpenClaw.HealthUrl) && !IsHttpUrl(options.OpenClaw.HealthUrl))
        {
            yield return new($"{root}:OpenClaw:HealthUrl", options.OpenClaw.HealthUrl, "must be an absolute http:// or https:// URL, or empty");
        }

        foreach (var (modelId, budget) in options.Quota.Budgets)
        {
            if (budget.TokensPerWindow is null && budget.RequestsPerWindow is null)
            {
                yield return new($"{root}:Quota:Budgets:{modelId}", null, "set TokensPerWindow and/or RequestsPerWindow");
            }
        }

        foreach (var problem in Quota.QuotaConfigurationChecks.Check(options.Quota))
        {
            yield return problem;
        }

        foreach (var problem in OpenClawOptionsChecks.Check(options.OpenClaw))
        {
            yield return problem;
        }

        var seenChannels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Alerts.Channels.Count; i++)
        {
            foreach (var problem in CheckChannel(options.Alerts.Channels[i], $"{root}:Alerts:Channels:{i}", seenChannels))
            {
                yield return problem;
            }

            foreach (var problem in OpenClawChannelChecks.Check(options.Alerts.Channels[i], $"{root}:Alerts:Channels:{i}", options.Alerts.Channels))
            {
                yield return problem;
            }
        }

        foreach (var kind in options.Alerts.Templates.Keys)
        {
            if (!kind.All(char.IsAsciiLetter) || !Enum.TryParse<Guard.Alerts.AlertEventKind>(kind, ignoreCase: true, out _))
            {
                yield return new($"{root}:Alerts:Templates:{kind}", null,
                    $"unknown event kind; use one of {string.Join(", ", Enum.GetNames<Guard.Alerts.AlertEventKind>())}");
            }
        }
    }

    private static IEnumerable<ConfigProblem> CheckChannel(AlertChannelOptions channel, string path, HashSet<string> seenNames)
    {
        if (!string.IsNullOrEmpty(channel.Name) && !seenNames.Add(channel.Name))
        {
            yield return new($"{path}:Name", channel.Name, "duplicate channel name");
        }

        if (UrlCredentials.HasUserInfo(channel.Url))
        {
            yield return new($"{path}:Url", null, "must not contain user:password@; put the whole URL in an environment variable and name it in UrlEnv");
        }
        else if (!string.IsNullOrEmpty(channel.Url) && !IsHttpUrl(channel.Url))
        {
            // The URL is a credential: name the key, never echo the value.
            yield return new($"{path}:Url", null, "must be an absolute http:// or https:// URL");
        }

        switch (channel.Type)
        {
            case AlertChannelType.Feishu or AlertChannelType.DingTalk or AlertChannelType.WeCom or AlertChannelType.Webhook
                when string.IsNullOrEmpty(channel.Url) && string.IsNullOrEmpty(channel.UrlEnv):
                yield return new($"{path}:Url", null, $"a {channel.Type} channel needs Url or UrlEnv");
                break;
            case AlertChannelType.Telegram when string.IsNullOrEmpty(channel.TokenEnv) || string.IsNullOrEmpty(channel.ChatId):
                yield return new($"{path}:TokenEnv", channel.TokenEnv, "a Telegram channel needs TokenEnv and ChatId");
                break;
            case AlertChannelType.Command when string.IsNullOrWhiteSpace(channel.Command):
                yield return new($"{path}:Command", null, "a Command channel needs Command");
                break;
        }

        foreach (var problem in AlertChannelOptionsChecks.Check(channel, path))
        {
            yield return problem;
        }
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>How far ahead a schedule must fire at least once; "0 0 29 2 *" (every leap day) still passes.</summary>
    internal static readonly TimeSpan ScheduleHorizon = TimeSpan.FromDays(5 * 366);

    internal static bool TryParseSchedule(string? schedule, DateTimeOffset now, out string error)
    {
        error = "";
        if (string.IsNullOrWhiteSpace(schedule))
        {
            error = "must be a cron expression";
            return false;
        }

        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            var expression = CronExpression.Parse(schedule, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            var next = expression.GetNextOccurrence(now.UtcDateTime, TimeZoneInfo.Utc);
            if (next is null || next.Value - now.UtcDateTime > ScheduleHorizon)
            {
                // "0 0 30 2 *" parses but never fires: Guard would never probe.
                error = "never fires (no time matches within 5 years, e.g. 30 February); Guard would never probe";
                return false;
            }

            return true;
        }
        catch (CronFormatException ex)
        {
            error = $"not a 5- or 6-field cron expression ({ex.Message})";
            return false;
        }
    }
}
