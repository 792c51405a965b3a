using Guard.Configuration;
using Guard.Quota.Ledger;
using Guard.Quota.Reported;

namespace Guard.Quota;

/// <summary>
/// Turns the ledger, the budgets and the provider readings into <see cref="ModelQuota"/> rows. Pure: the quota
/// check and <c>guard quota</c> call the same code, so both show the same numbers.
/// </summary>
public static class QuotaEvaluator
{
    /// <summary>A reading without a reset time is trusted this long after it was observed.</summary>
    public static readonly TimeSpan ReadingLifetime = TimeSpan.FromHours(1);

    /// <summary>Provider limits that refill this soon after they were observed are rate limits, not quota.</summary>
    public static readonly TimeSpan RateLimitHorizon = TimeSpan.FromMinutes(5);

    /// <summary>Window of the usage row shown for models without any limit.</summary>
    public static readonly TimeSpan UnbudgetedWindow = TimeSpan.FromDays(1);

    public static IReadOnlyList<ModelQuota> Evaluate(QuotaOptions options, QuotaState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        var ids = new SortedSet<string>(options.Budgets.Keys, StringComparer.Ordinal);
        ids.UnionWith(state.Usage.Keys);
        ids.UnionWith(state.Reported.Values.Where(r => IsFresh(r, now)).Select(r => r.ModelId));
        return ids.Select(id => EvaluateModel(id, options, state, now)).ToList();
    }

    public static bool IsFresh(ProviderReading reading, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.ResetAt is { } reset ? reset > now : now - reading.ObservedAt < ReadingLifetime;
    }

    private static ModelQuota EvaluateModel(string id, QuotaOptions options, QuotaState state, DateTimeOffset now)
    {
        var buckets = state.Usage.TryGetValue(id, out var usage) ? usage.Buckets : [];
        var reported = state.Reported.Values
            .Where(r => r.ModelId == id && IsFresh(r, now))
            .OrderBy(r => r.Source, StringComparer.Ordinal)
            .Select(r => FromReading(r, buckets, now))
            .ToList();
        var rows = new List<MeterStatus>();
        if (options.Budgets.TryGetValue(id, out var budget))
        {
            var zone = QuotaWindows.FindZone(budget.TimeZone);
            foreach (var (meter, limit) in BudgetLimits(budget))
            {
                // The provider's own numbers win over a configured guess for the same meter.
                if (!reported.Any(r => r.Meter == meter && !r.IsRateLimit && r.Limit is not null))
                {
                    rows.Add(FromBudget(id, meter, limit, budget, zone, buckets, now));
                }
            }
        }

        rows.AddRange(reported);
        if (rows.Count == 0 && buckets.Count > 0)
        {
            rows.Add(new MeterStatus
            {
                ModelId = id,
                Meter = QuotaMeter.Tokens,
                Source = "transcripts",
                Used = UsageLedger.Sum(buckets, QuotaMeter.Tokens, now - UnbudgetedWindow, DateTimeOffset.MaxValue),
                WindowStart = now - UnbudgetedWindow,
                RollingWindow = UnbudgetedWindow,
                PerHour = BurnRate.PerHour(buckets, QuotaMeter.Tokens, now),
            });
        }

        return new ModelQuota(id, rows);
    }

    private static IEnumerable<(QuotaMeter Meter, long Limit)> BudgetLimits(QuotaBudgetOptions budget)
    {
        if (budget.TokensPerWindow is { } tokens)
        {
            yield return (QuotaMeter.Tokens, tokens);
        }

        if (budget.RequestsPerWindow is { } requests)
        {
            yield return (QuotaMeter.Requests, requests);
        }
    }

    private static MeterStatus FromBudget(
        string id, QuotaMeter meter, long limit, QuotaBudgetOptions budget, TimeZoneInfo? zone, List<UsageBucket> buckets, DateTimeOffset now)
    {
        var window = QuotaWindows.Current(budget, zone, now);
        var used = UsageLedger.Sum(buckets, meter, window.Start, DateTimeOffset.MaxValue);
        var perHour = BurnRate.PerHour(buckets, meter, now);
        var exhausts = window.IsRolling
            ? ExhaustionForecast.Rolling(buckets, meter, limit, budget.Window, perHour, now)
            : ExhaustionForecast.Fixed(used, limit, perHour, now, window.ResetsAt);
        return new MeterStatus
        {
            ModelId = id,
            Meter = meter,
            Source = "budget",
            Used = used,
            Limit = limit,
            Percent = used * 100 / limit,
            WindowStart = window.Start,
            ResetsAt = window.ResetsAt,
            RollingWindow = window.IsRolling ? budget.Window : null,
            PerHour = perHour,
            ExhaustsAt = exhausts,
        };
    }

    private static MeterStatus FromReading(ProviderReading reading, List<UsageBucket> buckets, DateTimeOffset now)
    {
        var isRateLimit = reading.ResetAt is { } reset && reset - reading.ObservedAt <= RateLimitHorizon && !reading.Exhausted;
        if (reading.Exhausted)
        {
            return new MeterStatus
            {
                ModelId = reading.ModelId,
                Meter = reading.Meter,
                Source = reading.Source,
                Used = reading.Limit ?? 0,
                Limit = reading.Limit,
                Percent = 100,
                ResetsAt = reading.ResetAt,
                ExhaustsAt = reading.ObservedAt,
                Note = reading.Note,
            };
        }

        if (reading.Limit is not { } limit || limit <= 0)
        {
            return new MeterStatus
            {
                ModelId = reading.ModelId,
                Meter = reading.Meter,
                Source = reading.Source,
                Used = reading.Used ?? 0,
                Remaining = reading.Remaining,
                ResetsAt = reading.ResetAt,
                IsRateLimit = isRateLimit,
                Note = reading.Note,
            };
        }

        // The reading is a snapshot; what this model used since then (from the transcripts) is added on top.
        var since = reading.Percentage ? 0 : UsageLedger.Sum(buckets, reading.Meter, reading.ObservedAt, DateTimeOffset.MaxValue);
        var used = (reading.Used ?? (limit - (reading.Remaining ?? limit))) + since;
        var perHour = reading.Percentage ? 0 : BurnRate.PerHour(buckets, reading.Meter, now);
        return new MeterStatus
        {
            ModelId = reading.ModelId,
            Meter = reading.Meter,
            Source = reading.Source,
            Used = used,
            Limit = limit,
            Remaining = Math.Max(0, limit - used),
            Percent = used * 100 / limit,
            ResetsAt = reading.ResetAt,
            PerHour = perHour,
            ExhaustsAt = isRateLimit ? null : ExhaustionForecast.Fixed(used, limit, perHour, now, reading.ResetAt),
            IsRateLimit = isRateLimit,
            Note = reading.Note,
        };
    }
}
