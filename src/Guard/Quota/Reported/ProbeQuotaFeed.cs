using Guard.Probing;
using Guard.State;
using Microsoft.Extensions.Logging;

namespace Guard.Quota.Reported;

/// <summary>Stores what each probe round reported about quota (<see cref="ProbesCompleted"/> on the event bus) in the state.</summary>
public sealed partial class ProbeQuotaFeed(StateStore store, TimeProvider time, ILogger<ProbeQuotaFeed> logger)
{
    /// <summary>Readings past their reset or lifetime are kept this long for <c>guard quota</c>, then dropped.</summary>
    public static readonly TimeSpan KeepStale = TimeSpan.FromDays(1);

    /// <summary>Never throws: a parsing surprise must not disturb the probe loop that calls it.</summary>
    public void Record(IReadOnlyList<ModelProbeOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        try
        {
            var results = outcomes.SelectMany(o => o.Results).ToList();
            var readings = results.SelectMany(ProbeReadings.From).ToList();
            var cleared = results.Where(ProbeReadings.ClearsExhaustion).Select(r => r.ModelId).ToHashSet(StringComparer.Ordinal);
            if (readings.Count == 0 && cleared.Count == 0)
            {
                return;
            }

            var now = time.GetUtcNow();
            store.Update(state => Apply((state.Quota ??= new QuotaState()).Normalized(), readings, cleared, now));
            foreach (var reading in readings.Where(r => r.Exhausted))
            {
                LogExhausted(logger, reading.ModelId, reading.Source, reading.ResetAt);
            }
        }
        catch (Exception e)
        {
            LogFailed(logger, e);
        }
    }

    public static void Apply(QuotaState quota, IEnumerable<ProviderReading> readings, IReadOnlySet<string> cleared, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(quota);
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(cleared);
        foreach (var model in cleared)
        {
            quota.Reported.Remove(ProviderReading.Keyed(model, ProbeReadings.ProbeSource));
        }

        foreach (var reading in readings)
        {
            quota.Reported[reading.Key] = reading;
        }

        foreach (var (key, reading) in quota.Reported.ToList())
        {
            if (!QuotaEvaluator.IsFresh(reading, now) && now - reading.ObservedAt > KeepStale)
            {
                quota.Reported.Remove(key);
            }
        }
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Quota: {Model} reports its quota exhausted ({Source}); resets {ResetAt}")]
    private static partial void LogExhausted(ILogger logger, string model, string source, DateTimeOffset? resetAt);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Quota: could not record what a probe round reported; probing is unaffected")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
