using Guard.Quota.Ledger;

namespace Guard.Quota.Transcripts;

/// <summary>A pass's usage into the quota state: the ledger, each model's newest failed turn, the unreadable entries.</summary>
public static class TranscriptUsage
{
    public static void Apply(QuotaState quota, TranscriptScan scan, DateTimeOffset now, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(quota);
        ArgumentNullException.ThrowIfNull(scan);
        foreach (var ((model, bucket), sample) in scan.Usage)
        {
            UsageLedger.Add(quota, model, bucket, sample);
        }

        foreach (var (model, (at, message)) in scan.LastErrors)
        {
            var usage = quota.Usage.TryGetValue(model, out var existing) ? existing : quota.Usage[model] = new ModelUsage();
            if (usage.LastErrorAt is null || usage.LastErrorAt <= at)
            {
                usage.LastErrorAt = at;
                usage.LastError = message;
            }
        }

        quota.MalformedLines += scan.MalformedLines;
        UsageLedger.Prune(quota, now - retention);
    }
}
