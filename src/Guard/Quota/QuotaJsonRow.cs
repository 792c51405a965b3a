namespace Guard.Quota;

/// <summary>One row of <c>guard quota --json</c>: a model's limit, use, window, burn rate and forecast.</summary>
public sealed record QuotaJsonRow(
    string Model,
    string Meter,
    string Source,
    double Used,
    double? Limit,
    double? Remaining,
    double? Percent,
    DateTimeOffset? WindowStart,
    DateTimeOffset? ResetsAt,
    string? RollingWindow,
    double PerHour,
    DateTimeOffset? ExhaustsAt,
    double? SecondsToExhaustion,
    bool RateLimit,
    string? Note)
{
    public static QuotaJsonRow From(MeterStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(
            status.ModelId, status.Meter.ToString(), status.Source, Math.Round(status.Used, 4), status.Limit, status.Remaining is { } r ? Math.Round(r, 4) : null,
            status.Percent is { } p ? Math.Round(p, 2) : null, status.WindowStart, status.ResetsAt,
            status.RollingWindow?.ToString("c", System.Globalization.CultureInfo.InvariantCulture), Math.Round(status.PerHour, 2), status.ExhaustsAt,
            status.ExhaustsAt is { } at ? Math.Max(0, Math.Round((at - now).TotalSeconds)) : null, status.IsRateLimit, status.Note);
    }
}
