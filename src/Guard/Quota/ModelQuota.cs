namespace Guard.Quota;

/// <summary>Every limit of one model; alerts use the highest percentage and the soonest exhaustion among quota rows.</summary>
public sealed record ModelQuota(string ModelId, IReadOnlyList<MeterStatus> Meters)
{
    /// <summary>The quota row (not a rate limit) with the highest percentage, or null when no limit is known.</summary>
    public MeterStatus? Headline =>
        Meters.Where(m => !m.IsRateLimit && m.Percent is not null).MaxBy(m => m.Percent);

    /// <summary>The quota row that runs out first at the current rate.</summary>
    public MeterStatus? Soonest =>
        Meters.Where(m => !m.IsRateLimit && m.ExhaustsAt is not null).MinBy(m => m.ExhaustsAt);
}
