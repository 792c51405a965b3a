using Cronos;

namespace Guard.Probing;

/// <summary>Cronos expression with 5 (minutes) or 6 (seconds first) fields, evaluated in UTC.</summary>
public sealed class ProbeSchedule
{
    private readonly CronExpression _expression;

    public ProbeSchedule(string expression)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        _expression = CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        Expression = expression;
    }

    public string Expression { get; }

    /// <summary>The first occurrence strictly after <paramref name="now"/>: ticks missed during a long round are skipped, not replayed.</summary>
    public DateTimeOffset Next(DateTimeOffset now) =>
        _expression.GetNextOccurrence(now, TimeZoneInfo.Utc) ?? now.AddMinutes(1);
}
