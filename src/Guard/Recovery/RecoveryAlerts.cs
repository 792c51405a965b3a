using System.Globalization;
using Guard.Alerts;
using Guard.State;

namespace Guard.Recovery;

/// <summary>The alert events the recovery actor raises, in one place so fingerprints stay stable.</summary>
public static class RecoveryAlerts
{
    public static string ManualInterventionFingerprint(string unit) => $"ManualInterventionNeeded|{unit}";

    public static AlertEvent Restarted(string unit, RestartRecord record) => new()
    {
        Kind = AlertEventKind.GatewayRestarted,
        Severity = record.Verified == true ? AlertSeverity.Warning : AlertSeverity.Critical,
        Fingerprint = $"GatewayRestarted|{unit}|{record.At.ToUnixTimeSeconds()}",
        At = record.At,
        OneShot = true,
        Detail = Describe(record),
        Labels = new Dictionary<string, string> { ["unit"] = unit, ["trigger"] = record.Trigger, ["verified"] = Verified(record, "true", "false", "unknown") },
    };

    /// <summary>A later Guard settled the attempt (<see cref="RestartRecord.ResolvedAt"/>): nobody saw the verification.</summary>
    private static string Verified(RestartRecord record, string yes, string no, string unknown) =>
        record.Verified == true ? yes : record.Verified is null && record.ResolvedAt is not null ? unknown : no;

    private static string Describe(RestartRecord record)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{record.Trigger}: {record.Reason}; job {record.JobResult ?? "-"}; verified {Verified(record, "yes", "no", "unknown")}");
        return record.DowntimeSeconds is { } d ? text + string.Create(CultureInfo.InvariantCulture, $"; downtime {d:0} s") : text;
    }

    public static AlertEvent Skipped(string unit, string reason, DateTimeOffset at) => new()
    {
        Kind = AlertEventKind.RestartSkipped,
        Severity = AlertSeverity.Critical,
        Fingerprint = $"RestartSkipped|{unit}|{at.ToUnixTimeSeconds()}",
        At = at,
        OneShot = true,
        Detail = reason,
        Labels = new Dictionary<string, string> { ["unit"] = unit },
    };

    public static AlertEvent ManualIntervention(string unit, string reason, DateTimeOffset at) => new()
    {
        Kind = AlertEventKind.ManualInterventionNeeded,
        Severity = AlertSeverity.Critical,
        Fingerprint = ManualInterventionFingerprint(unit),
        At = at,
        Detail = reason,
        Labels = new Dictionary<string, string> { ["unit"] = unit },
    };
}
