using Guard.State;

namespace Guard.OpenClaw.GatewayLog;

/// <summary>
/// Puts passive evidence (gateway log, transcripts) into the state without ever counting it as a probe round, so it can
/// neither double-count a failure nor hide one. Only the deep-probe clock moves: a model that just served real
/// traffic skips its next paid 1-token probe in that DeepEvery window; a healthy model the gateway saw fail gets its
/// deep probe in the next round instead of waiting for the window to end.
/// </summary>
public sealed class GatewayEvidenceRecorder(StateStore store)
{
    /// <summary>Returns true when the state changed.</summary>
    public bool Record(GatewayEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var known = store.Read<(int ConsecutiveFailures, DateTimeOffset? LastDeepProbe, Guard.Probing.FailureKind? DeepFailureKind)?>(
            s => s.Models.TryGetValue(evidence.ModelId, out var m) ? Snapshot(m) : null);
        if (known is not { } m)
        {
            return false; // not a model Guard probes: nothing to move
        }

        if (evidence.Ok)
        {
            if (m.DeepFailureKind is not null || m.ConsecutiveFailures > 0 || (m.LastDeepProbe is { } last && last >= evidence.At))
            {
                return false; // a failing model recovers through probes only, which also prove the recovery
            }

            store.Update(s => s.Models[evidence.ModelId].LastDeepProbe = evidence.At);
            return true;
        }

        if (m.ConsecutiveFailures > 0 || m.LastDeepProbe is null || m.LastDeepProbe > evidence.At)
        {
            return false;
        }

        store.Update(s => s.Models[evidence.ModelId].LastDeepProbe = null);
        return true;
    }

    private static (int ConsecutiveFailures, DateTimeOffset? LastDeepProbe, Guard.Probing.FailureKind? DeepFailureKind) Snapshot(ModelState m) =>
        (m.ConsecutiveFailures, m.LastDeepProbe, m.DeepFailureKind);
}
