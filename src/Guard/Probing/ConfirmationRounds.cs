using Guard.Tracking;

namespace Guard.Probing;

/// <summary>
/// When the probe loop runs a round out of schedule to confirm a failure, and whether a round is corroborated by the
/// gateway. Two things ask: the gateway log reporting "All models failed" (run one now), and a round in which every
/// model failed while the chain is not yet dark enough to act on (run the next one after <see cref="Spacing"/> instead
/// of waiting for the schedule). Confirmation rounds start at least <see cref="Spacing"/> apart, a request is answered
/// by any round that starts after it, and rounds never overlap (the scheduler runs them), so a gateway that logs a
/// failure per user message causes at most one extra round per <see cref="Spacing"/>.
/// </summary>
public sealed class ConfirmationRounds(TimeProvider time)
{
    /// <summary>Least time between two confirmation rounds, and from an all-failed round to its follow-up.</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(10);

    /// <summary>How close to a gateway report an all-failed round must start to count as agreeing with it.</summary>
    public static readonly TimeSpan CorroborationWindow = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private DateTimeOffset? _reportedAt;
    private DateTimeOffset? _requestedAt;
    private DateTimeOffset? _notBefore;
    private DateTimeOffset _lastConfirmationStart = DateTimeOffset.MinValue;

    /// <summary>The gateway reported that every model failed (seen now); returns true when this asks for a new round.</summary>
    public bool GatewayReportedChainFailure()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _reportedAt = now;
            if (_requestedAt is not null)
            {
                return false; // one pending request answers every report before it
            }

            _requestedAt = now;
            _notBefore = now;
            return true;
        }
    }

    /// <summary>When the pending confirmation round may start, or null when none is pending.</summary>
    public DateTimeOffset? DueAt()
    {
        lock (_gate)
        {
            if (_notBefore is not { } notBefore)
            {
                return null;
            }

            var spaced = _lastConfirmationStart == DateTimeOffset.MinValue ? notBefore : _lastConfirmationStart + Spacing;
            return notBefore > spaced ? notBefore : spaced;
        }
    }

    /// <summary>A round starts; returns whether an all-failed result would agree with a recent gateway report.</summary>
    public bool RoundStarting(DateTimeOffset at, bool confirmation)
    {
        lock (_gate)
        {
            if (confirmation)
            {
                _lastConfirmationStart = at;
            }

            if (_requestedAt is { } requested && requested <= at)
            {
                _requestedAt = null; // this round answers it, whoever scheduled it
                _notBefore = null;
            }

            return _reportedAt is { } reported && (at - reported).Duration() <= CorroborationWindow;
        }
    }

    /// <summary>
    /// A round ended. A usable model answers any earlier gateway report; an all-failed round short of
    /// <paramref name="actAfterRounds"/> (the rounds Guard needs before ChainDark and a restart) asks for a follow-up.
    /// </summary>
    /// <returns>True when a follow-up round was requested.</returns>
    public bool RoundFinished(RoundSummary summary, int actAfterRounds)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!summary.AllFailed)
            {
                if (summary.Models.Any(m => m.Ok) && _reportedAt <= summary.At)
                {
                    _reportedAt = null;
                }

                return false;
            }

            if (summary.ConsecutiveAllFailedRounds <= 0 || summary.ConsecutiveAllFailedRounds >= actAfterRounds || _requestedAt is not null)
            {
                return false;
            }

            _requestedAt = now;
            _notBefore = now + Spacing;
            return true;
        }
    }
}
