using NSubstitute;

namespace Guard.Tests.OpenClaw;

/// <summary>Which gateway log lines ask the probe loop for a confirmation round.</summary>
public sealed class GatewayLogConfirmationTests : IDisposable
{
    private readonly GatewayFixture _gateway = new();

    [Fact]
    public async Task A_fresh_All_models_failed_asks_for_a_confirmation_round_once_per_failed_turn()
    {
        await _gateway.Watcher.PollOnceAsync(CancellationToken.None); // starts at the end of today's file
        // 2026.9 writes one failed turn twice: the gateway's ws line and the CLI client's own "Reason:" line.
        _gateway.Append(GatewayLogLines.AllModelsFailed(_gateway.Time.GetUtcNow()));
        _gateway.Append(GatewayLogLines.AllModelsFailed(_gateway.Time.GetUtcNow().AddMilliseconds(40)));
        Assert.Equal(2, await _gateway.Watcher.PollOnceAsync(CancellationToken.None));
        _gateway.Confirmations.Received(1).GatewayReportedChainFailure();

        _gateway.Time.Advance(TimeSpan.FromMinutes(1)); // the next failed turn
        _gateway.Append(GatewayLogLines.AllModelsFailed(_gateway.Time.GetUtcNow()));
        Assert.Equal(1, await _gateway.Watcher.PollOnceAsync(CancellationToken.None));
        _gateway.Confirmations.Received(2).GatewayReportedChainFailure(); // the scheduler rate-limits, not the watcher
    }

    [Fact]
    public async Task Single_model_failures_and_stale_summaries_do_not()
    {
        await _gateway.Watcher.PollOnceAsync(CancellationToken.None);
        var now = _gateway.Time.GetUtcNow();
        _gateway.Append(GatewayLogLines.FallbackFailed(now, "google", "gemini-3-flash-preview", "rate_limit", 429));
        _gateway.Append(GatewayLogLines.AgentEnd(now, "zhipu", "glm-4.7", "timeout", 504, "timed out"));
        _gateway.Append(GatewayLogLines.AllModelsFailed(now - TimeSpan.FromMinutes(5))); // history from a re-read file

        Assert.Equal(3, await _gateway.Watcher.PollOnceAsync(CancellationToken.None));
        _gateway.Confirmations.DidNotReceive().GatewayReportedChainFailure();
    }

    public void Dispose() => _gateway.Dispose();
}
