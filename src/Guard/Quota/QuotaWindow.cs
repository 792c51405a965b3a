namespace Guard.Quota;

/// <summary>The window a limit applies to now. <see cref="ResetsAt"/> is null for a rolling window (usage ages out instead).</summary>
public readonly record struct QuotaWindow(DateTimeOffset Start, DateTimeOffset End, DateTimeOffset? ResetsAt)
{
    public bool IsRolling => ResetsAt is null;
}
