namespace Guard.Quota.Ledger;

/// <summary>One model's usage in one 5-minute bucket (start inclusive).</summary>
public sealed class UsageBucket
{
    public DateTimeOffset Start { get; set; }

    public long Input { get; set; }

    public long Output { get; set; }

    public long CacheRead { get; set; }

    public long CacheWrite { get; set; }

    public long Tokens { get; set; }

    /// <summary>LLM calls that did not fail.</summary>
    public long Requests { get; set; }

    /// <summary>Failed turns (<c>stopReason</c> error, aborted or timeout).</summary>
    public long Errors { get; set; }

    /// <summary>OpenClaw's <c>cost.total</c> (the provider's currency as configured in OpenClaw).</summary>
    public double Cost { get; set; }

    public void Add(UsageSample sample)
    {
        Input += sample.Input;
        Output += sample.Output;
        CacheRead += sample.CacheRead;
        CacheWrite += sample.CacheWrite;
        Tokens += sample.Tokens;
        Requests += sample.Requests;
        Errors += sample.Errors;
        Cost += sample.Cost;
    }

    public double Value(QuotaMeter meter) => meter switch
    {
        QuotaMeter.Tokens => Tokens,
        QuotaMeter.Requests => Requests,
        QuotaMeter.Credits or QuotaMeter.Balance => Cost,
        _ => 0,
    };
}
