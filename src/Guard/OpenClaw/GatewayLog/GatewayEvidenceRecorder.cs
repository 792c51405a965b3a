using Guard.Probing;
using Guard.State;

namespace Guard.OpenClaw.GatewayLog;

/// <summary>
/// Puts passive evidence (gateway log, transcripts) into the state without ever counting it as a probe round, so it can
/// neither double-count a failure nor hide one. It records what the gateway saw per model (<see cref="GatewayObservations"/>)
/// and the newest turn served by any model (the restart gate's proof that the gateway is serving), and moves the
/// deep-probe clock: a model that just served real traffic skips its next paid 1-token probe in that DeepEvery
/// window; a healthy model the gateway saw fail gets its deep probe in the next round instead.
/// </summary>
public sealed class GatewayEvidenceRecorder(StateStore store)
{
    /// <summary>Within one run a later, vaguer line must not overwrite a precise one (a 429's quota detail, say).</summary>
    private static readonly TimeSpan SameRunWithoutId = TimeSpan.FromSeconds(2);

    /// <summary>Returns true when the state changed.</summary>
    public bool Record(GatewayEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var changed = false;
        store.Update(s =>
        {
            if (evidence.Ok && (s.Chain.LastServedAt is null || s.Chain.LastServedAt < evidence.At))
            {
                s.Chain.LastServedAt = evidence.At;
                s.Chain.LastServedModel = evidence.ModelId == GatewayEvidence.AnyModel ? null : evidence.ModelId;
                changed = true;
            }

            if (!s.Models.TryGetValue(evidence.ModelId, out var model))
            {
                return; // not a model Guard probes: only the chain-wide "served" proof above applies
            }

            changed |= Observe(model, evidence);
            changed |= MoveDeepClock(model, evidence);
        });
        return changed;
    }

    /// <summary>A provider's credentials put in cooldown: every chain model of that provider shows it. True when the state changed.</summary>
    public bool RecordCooldown(ProviderCooldown cooldown)
    {
        ArgumentNullException.ThrowIfNull(cooldown);
        var changed = false;
        store.Update(s =>
        {
            foreach (var (id, model) in s.Models.Where(p => p.Key.StartsWith(cooldown.Provider + "/", StringComparison.OrdinalIgnoreCase)))
            {
                var seen = model.Gateway ??= new GatewayObservations();
                if (seen.CooldownUntil != cooldown.Until || seen.CooldownReason != cooldown.Reason)
                {
                    (seen.CooldownUntil, seen.CooldownWindow, seen.CooldownReason) = (cooldown.Until, cooldown.Window, cooldown.Reason);
                    changed = true;
                }
            }
        });
        return changed;
    }

    private static bool Observe(ModelState model, GatewayEvidence evidence)
    {
        var seen = model.Gateway ??= new GatewayObservations();
        if (evidence.Ok)
        {
            if (seen.LastServedAt is { } served && served >= evidence.At)
            {
                return false;
            }

            seen.LastServedAt = evidence.At;
            return true;
        }

        if (evidence.CooldownSkip)
        {
            return ObserveCooldownSkip(seen, evidence);
        }

        var kind = evidence.Kind ?? FailureKind.Unknown;
        var sameRun = seen.LastFailedAt is { } last && (evidence.RunId is not null
            ? evidence.RunId == seen.LastFailureRunId
            : (evidence.At - last).Duration() <= SameRunWithoutId);
        if (sameRun && seen.LastFailureKind is { } known && Precision(known) >= Precision(kind))
        {
            seen.LastFailedAt = evidence.At > seen.LastFailedAt ? evidence.At : seen.LastFailedAt;
            seen.LastFailureStatus ??= evidence.HttpStatus;
            return true;
        }

        if (!sameRun && seen.LastFailedAt is { } newer && newer > evidence.At)
        {
            return false; // an older line read late
        }

        seen.LastFailedAt = sameRun && seen.LastFailedAt > evidence.At ? seen.LastFailedAt : evidence.At;
        seen.LastFailureKind = kind;
        seen.LastFailureStatus = evidence.HttpStatus ?? (sameRun ? seen.LastFailureStatus : null);
        seen.LastFailureReason = evidence.Reason;
        seen.LastFailureMessage = evidence.Message;
        seen.LastFailureEvent = evidence.Event;
        seen.LastFailureRunId = evidence.RunId;
        return true;
    }

    /// <summary>
    /// A turn failed on a model the gateway did not call: the failure is recent, but its kind stays that of the real call
    /// that put it in cooldown (or of the cooldown's own reason); the skip's wording ("auth/billing") must not overwrite it.
    /// </summary>
    private static bool ObserveCooldownSkip(GatewayObservations seen, GatewayEvidence evidence)
    {
        if (seen.LastFailedAt is { } last && last >= evidence.At)
        {
            return false;
        }

        seen.LastFailedAt = evidence.At;
        seen.LastFailureEvent = evidence.Event;
        seen.LastFailureRunId = evidence.RunId;
        if (seen.LastFailureKind is null)
        {
            seen.LastFailureKind = seen.CooldownReason switch
            {
                "billing" => FailureKind.QuotaExhausted,
                "rate_limit" => FailureKind.RateLimited,
                "auth" or "auth_permanent" => FailureKind.AuthFailed,
                _ => FailureKind.Unknown,
            };
            seen.LastFailureMessage = evidence.Message;
        }

        return true;
    }

    /// <summary>How much a kind says: a quota or auth verdict beats a generic rate limit, anything beats Unknown.</summary>
    private static int Precision(FailureKind kind) => kind switch
    {
        FailureKind.Unknown => 0,
        FailureKind.RateLimited or FailureKind.ServerError or FailureKind.Network => 1,
        FailureKind.Timeout or FailureKind.Overloaded => 2,
        _ => 3,
    };

    private static bool MoveDeepClock(ModelState model, GatewayEvidence evidence)
    {
        if (evidence.Ok)
        {
            if (model.DeepFailureKind is not null || model.ConsecutiveFailures > 0 || (model.LastDeepProbe is { } last && last >= evidence.At))
            {
                return false; // a failing model recovers through probes only, which also prove the recovery
            }

            model.LastDeepProbe = evidence.At;
            return true;
        }

        if (model.ConsecutiveFailures > 0 || model.LastDeepProbe is null || model.LastDeepProbe > evidence.At)
        {
            return false;
        }

        model.LastDeepProbe = null;
        return true;
    }
}
