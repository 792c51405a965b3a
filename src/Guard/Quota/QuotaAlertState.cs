namespace Guard.Quota;

/// <summary>One model's quota alert episodes; each alert is raised once per episode and resolved when it ends.</summary>
public sealed class QuotaAlertState
{
    public bool Warning { get; set; }

    public bool Critical { get; set; }

    public bool Forecast { get; set; }

    /// <summary>Start of the critical episode for which the critical command already ran.</summary>
    public DateTimeOffset? CommandRunFor { get; set; }

    public DateTimeOffset? CriticalSince { get; set; }

    public bool Any => Warning || Critical || Forecast;
}
