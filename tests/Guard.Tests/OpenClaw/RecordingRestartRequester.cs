using Guard.OpenClaw.GatewayLog;
using Guard.Probing;
using Guard.Recovery;

namespace Guard.Tests.OpenClaw;

internal sealed class RecordingRestartRequester(RecoveryDecision answer = RecoveryDecision.Restarted) : IGatewayRestartRequester
{
    public List<(string Trigger, string Reason, IReadOnlyList<FailureKind> Kinds, DateTimeOffset OutageStart)> Calls { get; } = [];

    public Task<RecoveryDecision> RestartAsync(string trigger, string reason, IReadOnlyList<FailureKind> kinds, DateTimeOffset outageStart,
        CancellationToken cancellationToken)
    {
        Calls.Add((trigger, reason, kinds, outageStart));
        return Task.FromResult(answer);
    }
}
