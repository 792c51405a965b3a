namespace Guard.Quota.Alerts;

/// <summary>What to send for one model this cycle, the model's alert state afterwards, and whether to run the critical command.</summary>
public sealed record QuotaAlertDecision(QuotaAlertState State, IReadOnlyList<QuotaAlertAction> Actions, MeterStatus? RunCriticalCommandFor);
