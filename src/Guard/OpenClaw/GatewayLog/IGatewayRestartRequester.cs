using Guard.Probing;
using Guard.Recovery;

namespace Guard.OpenClaw.GatewayLog;

/// <summary>The recovery actor's budgeted restart path, as the gateway-stuck detector needs it (tests substitute it).</summary>
public interface IGatewayRestartRequester
{
    Task<RecoveryDecision> RestartAsync(string trigger, string reason, IReadOnlyList<FailureKind> kinds, DateTimeOffset outageStart,
        CancellationToken cancellationToken);
}
