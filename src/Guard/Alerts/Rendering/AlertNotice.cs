namespace Guard.Alerts.Rendering;

/// <summary>Which notice about an alert is being rendered: its firing, a reminder, or its end.</summary>
public sealed record AlertNotice(string Id, AlertStatus Status, DateTimeOffset At, bool Reminder = false, string? Note = null);
