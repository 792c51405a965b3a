namespace Guard.Quota.Ledger;

/// <summary>Usage to add to a bucket: one transcript turn, or many summed.</summary>
public record struct UsageSample(long Input, long Output, long CacheRead, long CacheWrite, long Tokens, long Requests, long Errors, double Cost)
{
    public readonly UsageSample Plus(UsageSample other) => new(
        Input + other.Input, Output + other.Output, CacheRead + other.CacheRead, CacheWrite + other.CacheWrite,
        Tokens + other.Tokens, Requests + other.Requests, Errors + other.Errors, Cost + other.Cost);
}
