using Guard.OpenClaw.Cooldowns;
using Guard.OpenClaw.Discovery;
using Guard.State;

namespace Guard.Tests.OpenClaw;

public sealed class StaleCooldownFinderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);
    private readonly OpenClawHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task A_profile_in_cooldown_whose_model_probes_fine_is_reported_with_its_until_time()
    {
        var until = Now.AddMinutes(20);
        _home.Config("{ agents: { defaults: { model: { primary: 'google/gemini-3-flash-preview', fallbacks: ['zhipu/glm-4.7'] } } } }");
        _home.Profiles("main", $$$$"""
            {"profiles":{"google:default":{"type":"api_key","provider":"google","key":"AIza-0000000000"}},
             "usageStats":{"google:default":{"cooldownUntil":{{{{until.ToUnixTimeMilliseconds()}}}},"cooldownReason":"rate_limit","errorCount":3}}}
            """);
        _home.Write(".openclaw/agents/main/agent/auth-state.json", $$$$"""
            {"version":1,"usageStats":{"zhipu:default":{"disabledUntil":{{{{Now.AddMinutes(-1).ToUnixTimeMilliseconds()}}}},"disabledReason":"billing"}}}
            """);
        var discovery = await new OpenClawDiscoverer(_home.GetEnv).DiscoverAsync(_home.Options(), CancellationToken.None);
        var state = new GuardState();
        state.Models["google/gemini-3-flash-preview"] = new ModelState { Health = ModelHealth.Healthy, LastSuccess = Now.AddMinutes(-1) };
        state.Models["zhipu/glm-4.7"] = new ModelState { Health = ModelHealth.Healthy, LastSuccess = Now.AddMinutes(-1) };

        var finding = Assert.Single(StaleCooldownFinder.Find(discovery, state, Now, Now.AddMinutes(-30)));

        Assert.Equal(("google:default", "google/gemini-3-flash-preview", "in cooldown", "rate_limit", until), (finding.ProfileId, finding.ModelId, finding.State, finding.Reason, finding.Until));
        Assert.Contains("until 2026-02-12 21:20:00Z", finding.Describe(), StringComparison.Ordinal);

        state.Models["google/gemini-3-flash-preview"].Health = ModelHealth.Down;
        Assert.Empty(StaleCooldownFinder.Find(discovery, state, Now, Now.AddMinutes(-30)));
    }
}
