using System.Globalization;
using Guard.Alerts;
using Guard.Configuration;

namespace Guard.Quota.Alerts;

/// <summary>
/// Alert transitions for one model, pure. Warning at <c>WarnPercent</c>, Critical at <c>CriticalPercent</c>, each
/// raised once per episode; an episode ends when usage falls <see cref="ResolveMargin"/> points below the line
/// (a fixed window resetting takes it to 0). Forecast when the soonest exhaustion is within <c>LeadTime</c> and has
/// not happened yet; it ends when no exhaustion is forecast any more or it moved beyond twice the lead time.
/// </summary>
public static class QuotaAlertRules
{
    /// <summary>Percentage points below a line before its alert resolves, so a rolling window hovering at 80 % does not flap.</summary>
    public const double ResolveMargin = 5;

    public const string StopAdvice = "stop non-urgent work";

    public static string Fingerprint(AlertEventKind kind, string modelId) => $"{kind}|{modelId}";

    public static QuotaAlertDecision Decide(QuotaAlertState previous, ModelQuota quota, QuotaOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(quota);
        ArgumentNullException.ThrowIfNull(options);
        var next = new QuotaAlertState
        {
            Warning = previous.Warning, Critical = previous.Critical, Forecast = previous.Forecast,
            CommandRunFor = previous.CommandRunFor, CriticalSince = previous.CriticalSince,
        };
        var actions = new List<QuotaAlertAction>();
        MeterStatus? runCommand = null;
        var headline = quota.Headline;
        var percent = headline?.Percent ?? 0;

        if (!previous.Forecast && quota.Soonest is { ExhaustsAt: { } at } soonest && at > now && at - now <= options.LeadTime)
        {
            next.Forecast = true;
            actions.Add(new(ForecastEvent(quota.ModelId, soonest, at, now), Fingerprint(AlertEventKind.QuotaForecast, quota.ModelId), null));
        }
        else if (previous.Forecast && (quota.Soonest?.ExhaustsAt is not { } still || still - now > options.LeadTime * 2))
        {
            next.Forecast = false;
            actions.Add(new(null, Fingerprint(AlertEventKind.QuotaForecast, quota.ModelId), "no longer forecast to run out soon"));
        }

        if (!previous.Warning && headline is not null && percent >= options.WarnPercent)
        {
            next.Warning = true;
            actions.Add(new(LevelEvent(AlertEventKind.QuotaWarning, AlertSeverity.Warning, headline, now), Fingerprint(AlertEventKind.QuotaWarning, quota.ModelId), null));
        }
        else if (previous.Warning && percent < options.WarnPercent - ResolveMargin)
        {
            next.Warning = false;
            actions.Add(new(null, Fingerprint(AlertEventKind.QuotaWarning, quota.ModelId), ResolveNote(headline)));
        }

        if (!previous.Critical && headline is not null && percent >= options.CriticalPercent)
        {
            next.Critical = true;
            next.CriticalSince = now;
            actions.Add(new(LevelEvent(AlertEventKind.QuotaCritical, AlertSeverity.Critical, headline, now), Fingerprint(AlertEventKind.QuotaCritical, quota.ModelId), null));
            next.CommandRunFor = now;
            runCommand = headline;
        }
        else if (previous.Critical && percent < options.CriticalPercent - ResolveMargin)
        {
            next.Critical = false;
            next.CriticalSince = null;
            actions.Add(new(null, Fingerprint(AlertEventKind.QuotaCritical, quota.ModelId), ResolveNote(headline)));
        }

        return new QuotaAlertDecision(next, actions, runCommand);
    }

    private static string ResolveNote(MeterStatus? headline) =>
        headline?.Percent is { } p ? $"usage down to {QuotaFormat.Percent(p)}" : "window reset";

    private static AlertEvent LevelEvent(AlertEventKind kind, AlertSeverity severity, MeterStatus status, DateTimeOffset now)
    {
        var detail = $"{Used(status)} ({QuotaFormat.Percent(status.Percent)}), {QuotaFormat.Window(status)}, source {status.Source}";
        var lines = new List<string>();
        if (kind == AlertEventKind.QuotaCritical)
        {
            detail = $"{char.ToUpperInvariant(StopAdvice[0])}{StopAdvice[1..]}: {detail}";
            lines.Add($"Stop non-urgent work: {status.ModelId} has used {QuotaFormat.Percent(status.Percent)} of its {status.Meter.ToString().ToLowerInvariant()} quota.");
        }

        if (status.ExhaustsAt is { } exhausts && exhausts > now)
        {
            lines.Add($"At {QuotaFormat.Rate(status.PerHour, status.Meter)} it runs out at {QuotaFormat.Time(exhausts)} (in {QuotaFormat.Duration(exhausts - now)}).");
        }

        return new AlertEvent
        {
            Kind = kind,
            Severity = severity,
            Fingerprint = Fingerprint(kind, status.ModelId),
            At = now,
            Model = status.ModelId,
            Detail = detail,
            RetryAt = status.ResetsAt,
            Lines = lines,
            Labels = Labels(status, kind == AlertEventKind.QuotaCritical),
        };
    }

    private static AlertEvent ForecastEvent(string modelId, MeterStatus status, DateTimeOffset at, DateTimeOffset now) => new()
    {
        Kind = AlertEventKind.QuotaForecast,
        Severity = AlertSeverity.Warning,
        Fingerprint = Fingerprint(AlertEventKind.QuotaForecast, modelId),
        At = now,
        Model = modelId,
        Detail = $"runs out at {QuotaFormat.Time(at)} (in {QuotaFormat.Duration(at - now)}) at {QuotaFormat.Rate(status.PerHour, status.Meter)}; " +
            $"{Used(status)} ({QuotaFormat.Percent(status.Percent)}), {QuotaFormat.Window(status)}, source {status.Source}",
        RetryAt = status.ResetsAt,
        Labels = Labels(status, false),
    };

    private static string Used(MeterStatus status) =>
        status.Limit is { } limit ? $"{QuotaFormat.Amount(status.Used, status.Meter)} of {QuotaFormat.Amount(limit, status.Meter)}" : QuotaFormat.Amount(status.Used, status.Meter);

    private static Dictionary<string, string> Labels(MeterStatus status, bool critical)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["meter"] = status.Meter.ToString(),
            ["source"] = status.Source,
            ["used"] = status.Used.ToString("0.##", CultureInfo.InvariantCulture),
        };
        if (status.Limit is { } limit)
        {
            labels["limit"] = limit.ToString("0.##", CultureInfo.InvariantCulture);
        }

        if (status.Percent is { } percent)
        {
            labels["percent"] = percent.ToString("0.0", CultureInfo.InvariantCulture);
        }

        if (status.ExhaustsAt is { } exhausts)
        {
            labels["exhausts_at"] = exhausts.ToString("O", CultureInfo.InvariantCulture);
        }

        if (critical)
        {
            labels["advice"] = StopAdvice;
        }

        return labels;
    }
}
