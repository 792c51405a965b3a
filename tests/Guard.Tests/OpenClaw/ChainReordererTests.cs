using System.Runtime.Versioning;
using Guard.Alerts;
using Guard.Configuration;
using Guard.OpenClaw.Advice;
using Guard.State;
using Guard.Tests.TestSupport;

namespace Guard.Tests.OpenClaw;

/// <summary>Reorder = Apply against a fake <c>openclaw</c> executable, on a fake clock.</summary>
[SupportedOSPlatform("linux")]
public sealed class ChainReordererTests : IDisposable
{
    private const string Gemini = "google/gemini-3-flash";
    private const string Glm = "zhipu/glm-4.7";
    private const string Kimi = "nvidia/moonshotai/kimi-k2.5";
    private const string Promoted = """config set agents.defaults.model {"primary":"nvidia/moonshotai/kimi-k2.5","fallbacks":["zhipu/glm-4.7","google/gemini-3-flash"]} --json""";
    private const string Restored = """config set agents.defaults.model {"primary":"google/gemini-3-flash","fallbacks":["zhipu/glm-4.7","nvidia/moonshotai/kimi-k2.5"]} --json""";

    private readonly ReorderFixture _f = new();

    public void Dispose() => _f.Dispose();

    private async Task PrimaryDownAsync()
    {
        await _f.RediscoverAsync();
        _f.Health(Gemini, ModelHealth.Down);
        _f.Health(Glm, ModelHealth.Healthy, 900);
        _f.Health(Kimi, ModelHealth.Healthy, 300);
    }

    [Fact]
    public async Task Primary_down_writes_the_recommended_order_then_restores_the_owners_after_RestoreAfter_and_the_interval()
    {
        await PrimaryDownAsync();

        Assert.Equal("applied", await _f.EvaluateAsync());

        Assert.Equal(["config get agents.defaults.model --json", Promoted], _f.Calls);
        Assert.Equal([Gemini, Glm, Kimi], _f.Reorder.Original);
        Assert.Equal([Kimi, Glm, Gemini], _f.Reorder.Applied);
        var notice = Assert.Single(_f.Alerts.Notices);
        Assert.Equal((AlertEventKind.ChainReordered, "applied"), (notice.Kind, notice.Labels["action"]));
        Assert.Equal($"{Gemini} → {Glm} → {Kimi}", notice.Labels["from"]);

        await _f.RediscoverAsync(); // the gateway hot-reloads; Guard's discovery sees the new order
        Assert.Equal("none", await _f.EvaluateAsync());

        _f.Health(Gemini, ModelHealth.Healthy, 200);
        Assert.Equal("none", await _f.EvaluateAsync()); // healthy since now
        Assert.Equal(ReorderFixture.Start, _f.Reorder.PrimaryHealthySince);
        _f.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("held", await _f.EvaluateAsync()); // RestoreAfter reached, but only 10 of 15 min since the change
        _f.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("restored", await _f.EvaluateAsync());

        Assert.Equal(Restored, _f.Sets[^1]);
        Assert.Equal(2, _f.Sets.Count);
        Assert.Null(_f.Reorder.Applied);
        Assert.Equal("restored", _f.Alerts.Notices[^1].Labels["action"]);
        await _f.RediscoverAsync();
        Assert.Equal("none", await _f.EvaluateAsync());
    }

    [Fact]
    public async Task Guards_own_write_not_yet_rediscovered_is_not_mistaken_for_an_owner_edit()
    {
        await PrimaryDownAsync();
        Assert.Equal("applied", await _f.EvaluateAsync()); // discovery still shows the owner's order

        Assert.Equal("none", await _f.EvaluateAsync());
        Assert.Equal("none", await _f.EvaluateAsync()); // a second pass within a minute does not ask the CLI again

        Assert.Equal([Gemini, Glm, Kimi], _f.Reorder.Original);
        Assert.Equal([Kimi, Glm, Gemini], _f.Reorder.Applied);
        Assert.Equal(2, _f.Calls.Count(c => c.StartsWith("config get", StringComparison.Ordinal)));

        _f.Health(Gemini, ModelHealth.Healthy);
        await _f.RediscoverAsync();
        _f.Time.Advance(TimeSpan.FromMinutes(15));
        await _f.EvaluateAsync(); // healthy since now
        _f.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("restored", await _f.EvaluateAsync()); // discovery still shows Guard's order

        Assert.Equal("none", await _f.EvaluateAsync());
        Assert.Equal([Gemini, Glm, Kimi], _f.Reorder.Original);
        Assert.Null(_f.Reorder.Applied);
    }

    [Fact]
    public async Task A_primary_that_recovers_and_fails_again_restarts_the_RestoreAfter_clock()
    {
        await PrimaryDownAsync();
        Assert.Equal("applied", await _f.EvaluateAsync());
        await _f.RediscoverAsync();

        _f.Health(Gemini, ModelHealth.Healthy);
        await _f.EvaluateAsync();
        _f.Time.Advance(TimeSpan.FromMinutes(9));
        _f.Health(Gemini, ModelHealth.Degraded);
        await _f.EvaluateAsync();
        Assert.Null(_f.Reorder.PrimaryHealthySince);
        _f.Health(Gemini, ModelHealth.Healthy);
        await _f.EvaluateAsync();
        _f.Time.Advance(TimeSpan.FromMinutes(9));

        Assert.Equal("none", await _f.EvaluateAsync()); // 18 min since the change, but healthy for only 9
        Assert.Single(_f.Sets);
    }

    [Fact]
    public async Task The_owners_order_survives_a_guard_restart_and_is_still_restored()
    {
        await PrimaryDownAsync();
        Assert.Equal("applied", await _f.EvaluateAsync());
        await _f.RediscoverAsync();

        _f.Restart();
        _f.Health(Gemini, ModelHealth.Healthy);
        Assert.Equal("none", await _f.EvaluateAsync());
        _f.Time.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal("restored", await _f.EvaluateAsync());
        Assert.Equal(Restored, _f.Sets[^1]);
    }

    [Fact]
    public async Task At_most_one_change_per_interval()
    {
        await PrimaryDownAsync();
        Assert.Equal("applied", await _f.EvaluateAsync());
        await _f.RediscoverAsync();

        _f.Health(Kimi, ModelHealth.Down); // the promoted model fails too; glm would be next best
        _f.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal("held", await _f.EvaluateAsync());
        Assert.Single(_f.Sets);

        _f.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("applied", await _f.EvaluateAsync());
        Assert.Equal("""config set agents.defaults.model {"primary":"zhipu/glm-4.7","fallbacks":["nvidia/moonshotai/kimi-k2.5","google/gemini-3-flash"]} --json""", _f.Sets[^1]);
        Assert.Equal([Gemini, Glm, Kimi], _f.Reorder.Original); // still the owner's, not Guard's first order
    }

    [Fact]
    public async Task A_chain_the_owner_changed_is_adopted_and_never_overwritten()
    {
        await PrimaryDownAsync();
        Assert.Equal("applied", await _f.EvaluateAsync());
        await _f.RediscoverAsync();

        string[] owners = [Glm, Gemini];
        _f.SetChainOnDisk(owners);
        await _f.RediscoverAsync();
        _f.Health(Gemini, ModelHealth.Healthy);
        _f.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal("adopted", await _f.EvaluateAsync());
        Assert.Equal(owners, _f.Reorder.Original);
        Assert.Null(_f.Reorder.Applied);
        Assert.Equal("none", await _f.EvaluateAsync());
        Assert.Single(_f.Sets);
    }

    [Fact]
    public async Task An_edit_not_yet_rediscovered_is_caught_by_the_read_before_the_write()
    {
        await PrimaryDownAsync();
        string[] owners = [Glm, Kimi, Gemini];
        _f.SetChainOnDisk(owners); // discovery has not run since

        Assert.Equal("adopted", await _f.EvaluateAsync());

        Assert.Empty(_f.Sets);
        Assert.Equal(owners, _f.Reorder.Original);
    }

    [Fact]
    public async Task A_healthy_primary_or_advise_mode_writes_nothing()
    {
        await PrimaryDownAsync();
        _f.Health(Gemini, ModelHealth.Healthy, 2000); // slow, but up: the owner's choice stands
        Assert.Equal("none", await _f.EvaluateAsync());

        _f.Options.OpenClaw.Reorder = ReorderMode.Advise;
        _f.Health(Gemini, ModelHealth.Down);
        Assert.Equal("none", await _f.EvaluateAsync());
        Assert.Empty(_f.Calls);
    }

    [Fact]
    public async Task A_pinned_primary_stays_first_only_the_fallbacks_move()
    {
        using var f = new ReorderFixture(configure: o => o.PinPrimary = true);
        await f.RediscoverAsync();
        f.Health(Gemini, ModelHealth.Down);
        f.Health(Glm, ModelHealth.Healthy, 900);
        f.Health(Kimi, ModelHealth.Healthy, 300);

        Assert.Equal("applied", await f.EvaluateAsync());

        Assert.Equal("""config set agents.defaults.model {"primary":"google/gemini-3-flash","fallbacks":["nvidia/moonshotai/kimi-k2.5","zhipu/glm-4.7"]} --json""", f.Sets.Single());
    }

    [Fact]
    public async Task A_failing_cli_is_logged_alerted_once_and_retried_only_after_the_interval()
    {
        _f.Mode = "fail";
        await PrimaryDownAsync();

        Assert.Equal("failed", await _f.EvaluateAsync());
        Assert.Equal("held", await _f.EvaluateAsync());
        _f.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal("failed", await _f.EvaluateAsync());

        Assert.Equal(2, _f.Sets.Count);
        var failure = Assert.Single(_f.Alerts.Notices);
        Assert.Equal(AlertEventKind.ChainReorderFailed, failure.Kind);
        Assert.Contains("exited with 4: Error: EACCES", failure.Detail, StringComparison.Ordinal);
        Assert.Equal([Gemini, Glm, Kimi], _f.Reorder.Original);
        Assert.Null(_f.Reorder.Applied);
        Assert.Contains("exited with 4", _f.Reorder.LastProblem, StringComparison.Ordinal);

        _f.Mode = "ok";
        _f.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal("applied", await _f.EvaluateAsync());
        Assert.Contains(ChainReorderer.FailedFingerprint, _f.Alerts.Resolved);
        Assert.Null(_f.Reorder.LastProblem);
    }

    [Fact]
    public async Task A_hanging_cli_is_stopped_at_CliTimeout_and_nothing_is_remembered_as_applied()
    {
        var time = new SignallingTimeProvider(ReorderFixture.Start);
        using var f = new ReorderFixture(time, o => o.CliTimeout = TimeSpan.FromSeconds(5));
        f.Mode = "hang";
        await f.RediscoverAsync();
        f.Health(Gemini, ModelHealth.Down);
        f.Health(Kimi, ModelHealth.Healthy);

        var pass = f.EvaluateAsync();
        await time.WaitForTimerAsync(); // config get
        await time.WaitForTimerAsync(); // config set, hanging
        Assert.False(pass.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("failed", await pass.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("did not finish within 5 s", f.Reorder.LastProblem, StringComparison.Ordinal);
        Assert.Null(f.Reorder.Applied);
        Assert.Equal(ReorderFixture.Chain, f.Reorder.Original);
        Assert.Equal(AlertEventKind.ChainReorderFailed, Assert.Single(f.Alerts.Notices).Kind);
    }

    [Fact]
    public void Apply_without_a_cli_is_a_configuration_error_naming_the_key()
    {
        var options = new GuardOptions();
        options.OpenClaw.Reorder = ReorderMode.Apply;
        options.OpenClaw.Cli = "";

        var problem = Assert.Single(GuardOptionsCrossFieldValidator.Check(options));

        Assert.Equal("Guard:OpenClaw:Reorder", problem.Path);
    }
}
