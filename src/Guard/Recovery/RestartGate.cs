using System.Globalization;
using Guard.Configuration;
using Guard.Probing;
using Guard.Tracking;

namespace Guard.Recovery;

/// <summary>Restart only when it can help: at least one model must fail with a kind a restart can fix.</summary>
public static class RestartGate
{
    public static GateDecision Evaluate(IReadOnlyList<ModelVerdict> verdicts, RecoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(options);
        var failing = verdicts.Where(v => v.Failed).ToList();
        var summary = string.Join(", ", failing.Select(Describe));
        if (failing.Count == 0)
        {
            return new GateDecision(false, "no model is failing");
        }

        if (failing.Exists(v => RestartPolicy.Helps(v.Kind ?? FailureKind.Unknown, options)))
        {
            return new GateDecision(true, $"all models failing: {summary}");
        }

        return new GateDecision(false, $"restart would not help: {summary}");
    }

    private static string Describe(ModelVerdict v)
    {
        var text = $"{v.ModelId} {v.Kind ?? FailureKind.Unknown}";
        return v.RetryAt is { } at ? text + " until " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : text;
    }
}
