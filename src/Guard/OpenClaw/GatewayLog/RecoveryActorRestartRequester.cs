using Guard.Probing;
using Guard.Recovery;

namespace Guard.OpenClaw.GatewayLog;

/// <summary>Forwards to <see cref="RecoveryActor.RestartAsync"/>: same gate, same budget as every other restart.</summary>
internal sealed class RecoveryActorRestartRequester(RecoveryActor actor) : IGatewayRestartRequester
{
    public Task<RecoveryDecision> RestartAsync(string trigger, string reason, IReadOnlyList<FailureKind> kinds, DateTimeOffset outageStart,
        CancellationToken cancellationToken) =>
        actor.RestartAsync(trigger, reason, kinds, outageStart, cancellationToken);
}
