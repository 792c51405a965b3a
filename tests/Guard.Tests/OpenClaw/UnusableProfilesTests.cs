using Guard.Chain;
using System.Runtime.Versioning;
using Guard.Configuration;
using Guard.OpenClaw.Cli;
using Guard.OpenClaw.Cooldowns;
using Guard.OpenClaw.Discovery;
using Guard.State;
using Guard.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.OpenClaw;

/// <summary><c>openclaw models status --json</c> → <c>auth.unusableProfiles</c> from a fake CLI: answers, fails, hangs.</summary>
[SupportedOSPlatform("linux")]
public sealed class UnusableProfilesTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = Now.AddMinutes(25);

    private static readonly string Status = $$$"""
        [plugins] feishu: loaded
        {"defaultModel":"google/gemini-3-flash","fallbacks":["zhipu/glm-4.7"],
         "auth":{"missingProvidersInUse":[],"providers":[],
          "unusableProfiles":[
            {"profileId":"google:default","provider":"google","kind":"cooldown","reason":"rate_limit","until":{{{Until.ToUnixTimeMilliseconds()}}},"remainingMs":1500000},
            {"profileId":"zhipu:default","provider":"zhipu","kind":"disabled","reason":"billing","remainingMs":3600000},
            {"provider":"broken"},
            "not an object"]}}
        """;

    private readonly OpenClawHome _home = new();

    public void Dispose() => _home.Dispose();

    private string FakeCli(string statusBody)
    {
        var log = Path.Combine(_home.Home, "calls.log");
        var path = _home.WriteExecutable("bin/openclaw", $$$$"""
            #!/bin/sh
            echo "$*" >> '{{{{log}}}}'
            case "$1 $2" in
              "config get") [ "$3" = agents ] && echo '{"defaults":{"model":{"primary":"google/gemini-3-flash","fallbacks":["zhipu/glm-4.7"]}}}' || exit 1 ;;
              "models status") {{{{statusBody}}}} ;;
              *) exit 1 ;;
            esac
            """);
        return path;
    }

    [Fact]
    public void Parses_cooldowns_and_disables_and_skips_malformed_entries()
    {
        var (ok, json) = OpenClawCli.ParseJson(Status);
        Assert.True(ok);

        var (profiles, skipped) = UnusableProfiles.Parse(json, Now);

        Assert.Equal(2, skipped);
        Assert.Equal(("google:default", Until, "rate_limit", "google"), (profiles[0].ProfileId, profiles[0].CooldownUntil, profiles[0].CooldownReason, profiles[0].Provider));
        Assert.Equal(("zhipu:default", Now.AddHours(1), "billing"), (profiles[1].ProfileId, profiles[1].DisabledUntil, profiles[1].DisabledReason));
    }

    [Fact]
    public async Task The_service_reports_a_stale_cooldown_known_only_to_the_cli()
    {
        var cli = FakeCli($"cat '{_home.Write("status.json", Status)}'");
        _home.Config("{ agents: { defaults: { model: { primary: 'google/gemini-3-flash', fallbacks: ['zhipu/glm-4.7'] } } } }");
        var options = new GuardOptions { OpenClaw = _home.Options(o => o.Cli = cli) };
        using var live = new LiveOptions(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        var store = new StateStore(new GuardState(), Path.Combine(_home.Home, "state.json"));
        store.Update(s => s.Models["google/gemini-3-flash"] = new ModelState { Health = ModelHealth.Healthy, LastSuccess = Now.AddMinutes(-1) });
        var alerts = new RecordingAlertPublisher();
        var service = new OpenClawDiscoveryService(live, new ModelChain(), store, alerts, new FakeTimeProvider(Now), NullLogger<OpenClawDiscoveryService>.Instance);
        await service.CheckAsync(CancellationToken.None);
        await service.CheckAsync(CancellationToken.None); // within 5 min: no second CLI call

        var alert = Assert.Single(alerts.Notices);
        Assert.Equal(("StaleCooldown|google:default", "google/gemini-3-flash", Until), (alert.Fingerprint, alert.Model, alert.RetryAt));
        Assert.Contains("in cooldown until 2026-02-12 21:25:00Z (rate_limit)", alert.Detail, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(Path.Combine(_home.Home, "calls.log")), c => c == "models status --json");
    }

    [Fact]
    public async Task A_failing_cli_is_a_problem_not_a_crash()
    {
        var cli = FakeCli("echo 'Error: gateway not reachable' >&2; exit 2");
        var options = _home.Options(o => o.Cli = cli);

        var (profiles, problem) = await UnusableProfiles.ReadAsync(new OpenClawCli(options, TimeProvider.System), OpenClawPaths.Resolve(options, _home.GetEnv), Now, CancellationToken.None);

        Assert.Empty(profiles);
        Assert.Contains("exited with 2: Error: gateway not reachable", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hanging_cli_is_stopped_at_CliTimeout()
    {
        var cli = FakeCli("sleep 300");
        var options = _home.Options(o =>
        {
            o.Cli = cli;
            o.CliTimeout = TimeSpan.FromSeconds(3);
        });
        var time = new SignallingTimeProvider(Now);

        var read = UnusableProfiles.ReadAsync(new OpenClawCli(options, time), OpenClawPaths.Resolve(options, _home.GetEnv), Now, CancellationToken.None);
        await time.WaitForTimerAsync();
        time.Advance(TimeSpan.FromSeconds(3));
        var (profiles, problem) = await read.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Empty(profiles);
        Assert.Contains("did not finish within 3 s", problem, StringComparison.Ordinal);
    }
}
