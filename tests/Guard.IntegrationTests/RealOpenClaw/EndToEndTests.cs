using System.Diagnostics;
using System.Text.Json;
using Guard.IntegrationTests.Systemd;
using Xunit.Abstractions;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// Issue 13's "done when", on every release of <see cref="OpenClawReleases"/>, with the real <c>guard</c> binary beside
/// a real gateway that runs as <c>openclaw-gateway.service</c> of a private systemd user manager: the keys a new user's
/// home holds, a healthy minute without a false restart, the incident shape recorded within seconds, one verified
/// restart and one alert for a real outage, and <c>guard quota</c> equal to the release's own store. The phases share
/// one bed per release and run in order (healthy first: the incident leaves cooldowns in the release's store).
/// Measured figures go to the test output (docs/openclaw-e2e.md).
/// </summary>
[Collection(RealSystemdCollection.Name)]
[TestCaseOrderer(PhaseOrderer.Name, PhaseOrderer.Assembly)]
public sealed class EndToEndTests(EndToEndFixture fixture, ITestOutputHelper output) : IClassFixture<EndToEndFixture>
{
    [OpenClawTheory]
    [MemberData(nameof(OpenClawReleases.Versions), MemberType = typeof(OpenClawReleases))]
    [Phase(1)]
    public async Task A_new_users_home_check_config_finds_every_key_and_probe_finds_the_chain_usable(string version)
    {
        var bed = await fixture.BedAsync(version);
        await bed.EnsureServingAsync();
        await using var guard = new GuardBeside(bed);

        var check = await guard.RunAsync(fastConfig: false, "check-config");
        Assert.True(check.ExitCode == 0, Redact(bed, check.ToString()));
        var text = check.StandardOutput;
        output.WriteLine(Redact(bed, text));
        for (var i = 0; i < bed.Home.Chain.Count; i++)
        {
            var model = bed.Home.Chain[i];
            var section = Section(text, $"{i + 1}. {model.Id}");
            Assert.True(section.Contains("key from ", StringComparison.Ordinal) && section.Contains(": set", StringComparison.Ordinal), $"{model.Id} ({model.Shape}):\n{section}");
            Assert.Contains(ExpectedOrigin(model.Shape), section, StringComparison.Ordinal);
            Assert.Contains($"base {bed.Providers.ProviderUrl(model.Provider)}", section, StringComparison.Ordinal);
        }

        AssertNoSecrets(bed, check.StandardOutput + check.StandardError);

        var before = bed.Providers.Requests.Count;
        var probe = await guard.RunAsync(fastConfig: false, "probe", "--json");
        Assert.True(probe.ExitCode == 0, Redact(bed, probe.ToString()));
        using var json = JsonDocument.Parse(probe.StandardOutput);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(bed.Home.ChainIds, rows.Select(r => r.GetProperty("model").GetString()).Distinct());
        Assert.All(rows, r => Assert.True(r.GetProperty("ok").GetBoolean(), r.ToString()));
        // Every request Guard sent carried the provider's real key: no redaction marker, no profile id.
        var sent = bed.Providers.Requests.Skip(before).ToList();
        Assert.NotEmpty(sent);
        foreach (var request in sent)
        {
            var provider = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
            Assert.Equal($"Bearer {bed.Providers.Keys[provider]}", request.Header("Authorization"));
        }

        AssertNoSecrets(bed, probe.StandardOutput + probe.StandardError);
    }

    [OpenClawTheory]
    [MemberData(nameof(OpenClawReleases.Versions), MemberType = typeof(OpenClawReleases))]
    [Phase(2)]
    public async Task A_healthy_minute_with_real_turns_has_no_chain_dark_and_no_restart(string version)
    {
        var bed = await fixture.BedAsync(version);
        await bed.EnsureServingAsync();
        await using var hook = await AlertHookReceiver.StartAsync();
        await using var guard = new GuardBeside(bed);
        guard.WriteFastConfig(hook.Url);
        var pid = await bed.MainPidAsync();
        var starts = bed.Starts;
        var run = guard.StartRun();

        var clock = Stopwatch.StartNew();
        var turns = new List<AgentTurn>();
        var darkSeen = false;
        var watch = Task.Run(async () =>
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(62))
            {
                darkSeen |= guard.ReadState() is { } s && s.TryGetProperty("chain", out var chain) && chain.GetProperty("is_dark").GetBoolean();
                await Task.Delay(250);
            }
        });
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            turns.Add(await AgentTurn.RunAsync(bed.Home, $"healthy-{turns.Count}", timeoutSeconds: 60));
        }

        await watch;
        Assert.False(run.HasExited, Redact(bed, run.StandardError));
        var state = guard.ReadState();
        Assert.NotNull(state);
        var rounds = state.Value.GetProperty("chain").GetProperty("rounds").GetInt64();
        output.WriteLine($"{version}: healthy run {clock.Elapsed.TotalSeconds:F0} s, {turns.Count} turns ({turns.Count(t => t.Answered)} answered), {rounds} rounds, ChainDark seen {darkSeen}, restarts {guard.Restarts().Count}, unit starts {bed.Starts - starts}, MainPID {pid} → {await bed.MainPidAsync()}");
        Assert.All(turns, t => Assert.True(t.Answered, t.ToString()));
        Assert.True(turns.Count >= 3, $"only {turns.Count} turns in a minute");
        Assert.True(rounds >= 10, $"only {rounds} rounds in a minute");
        Assert.False(darkSeen, guard.Describe());
        Assert.Empty(guard.Restarts());
        Assert.Empty(guard.LogRecords(3200));
        Assert.Equal(starts, bed.Starts);
        Assert.Equal(pid, await bed.MainPidAsync());
        Assert.Empty(hook.Of("ChainDark"));
        Assert.Empty(hook.Of("GatewayRestarted"));
        var chainState = state.Value.GetProperty("chain");
        Assert.Equal(bed.Home.ChainIds, chainState.GetProperty("usable_models").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(chainState.GetProperty("unknown_models").EnumerateArray());
        Assert.NotEqual(JsonValueKind.Null, chainState.GetProperty("last_served_at").ValueKind); // Guard saw the gateway serve
        AssertNoSecrets(bed, run.StandardOutput + run.StandardError + File.ReadAllText(guard.StatePath));
    }

    [OpenClawTheory]
    [MemberData(nameof(OpenClawReleases.Versions), MemberType = typeof(OpenClawReleases))]
    [Phase(3)]
    public async Task Guard_quota_equals_the_token_sums_of_the_releases_own_store(string version)
    {
        var bed = await fixture.BedAsync(version);
        await bed.EnsureServingAsync();
        // No failover turn here: its 429 would leave the primary in OpenClaw's billing cooldown for the incident phase,
        // which the gateway then reports as a skipped, "disabled" candidate instead of a 429.
        var turn = await AgentTurn.RunAsync(bed.Home, "quota-healthy", timeoutSeconds: 60);
        Assert.True(turn.Answered, turn.ToString());
        await using var guard = new GuardBeside(bed);
        guard.WriteFastConfig();

        var store = StoreUsage.TokensByModel(bed.Home);
        var quota = await guard.RunAsync(fastConfig: true, "quota", "--json");
        Assert.True(quota.ExitCode == 0, Redact(bed, quota.ToString()));
        using var json = JsonDocument.Parse(quota.StandardOutput);
        var counted = json.RootElement.GetProperty("models").EnumerateArray()
            .Where(r => r.GetProperty("meter").GetString() == "Tokens")
            .GroupBy(r => r.GetProperty("model").GetString()!)
            .ToDictionary(g => g.Key, g => (long)g.Max(r => r.GetProperty("used").GetDouble()), StringComparer.Ordinal);
        output.WriteLine($"{version}: store {Describe(store)}; guard quota ({json.RootElement.GetProperty("computed").GetString()}) {Describe(counted)}");
        Assert.True(store.Count >= 1, $"the store holds no usage: {Describe(store)}");
        foreach (var (model, tokens) in store.Where(p => bed.Home.ChainIds.Contains(p.Key)))
        {
            Assert.True(counted.TryGetValue(model, out var guardTokens), $"guard quota has no token row for {model}:\n{quota.StandardOutput}");
            Assert.Equal(tokens, guardTokens);
        }
    }

    [OpenClawTheory]
    [MemberData(nameof(OpenClawReleases.Versions), MemberType = typeof(OpenClawReleases))]
    [Phase(4)]
    public async Task The_incident_shape_is_recorded_per_model_with_the_right_kind_within_seconds(string version)
    {
        var bed = await fixture.BedAsync(version);
        await bed.EnsureServingAsync();
        await using var guard = new GuardBeside(bed);
        // Forbidden and Timeout are kinds a restart may cure (Recovery:RestartOnKind), so with every model failing
        // Guard would restart the gateway mid-incident and cut the hanging turn off; this phase measures recording only.
        guard.WriteFastConfig(recovery: false);
        guard.StartRun();
        await guard.WaitUntilAsync(() => ChainRounds(guard) >= 2, TimeSpan.FromSeconds(60), "two healthy rounds");

        var chain = bed.Home.Chain;
        var hanging = chain[^1].Provider; // last, so the breaker it trips stops nothing after it: every candidate is tried
        var expected = chain.ToDictionary(
            m => m.Id,
            m => m.Provider == chain[0].Provider ? "QuotaExhausted" : m.Provider == hanging ? "Timeout" : "Forbidden",
            StringComparer.Ordinal);
        var faultAt = DateTimeOffset.UtcNow;
        bed.Providers.ApplyIncidentShape(hanging);
        var turn = Task.Run(() => AgentTurn.RunAsync(bed.Home, "incident", timeoutSeconds: 60));

        // Guard's own probes: the 403s and the hang.
        var probeSeen = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var model in chain.Skip(1))
        {
            await guard.WaitUntilAsync(() => ProbeKind(guard, model.Id) == expected[model.Id], TimeSpan.FromSeconds(30), $"Guard's probe of {model.Id} = {expected[model.Id]}");
            probeSeen[model.Id] = DateTimeOffset.UtcNow - faultAt;
        }

        // The gateway's own failures, from its log (and store): every model with its kind. 2026.2.x logs nothing for a
        // hanging stream (its run timeout does not end it): there only Guard's own probes can see the hang.
        IReadOnlyList<ChainModel> reported = bed.Release.Era == OpenClawEra.SqliteStores ? chain : [.. chain.Where(m => m.Provider != hanging)];
        // When Guard's state first shows each kind (log lines, transcript turns and the quota check all feed it).
        var recordedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await guard.WaitUntilAsync(
            () =>
            {
                foreach (var m in reported.Where(m => !recordedAt.ContainsKey(m.Id) && GatewayKind(guard, m.Id) == expected[m.Id]))
                {
                    recordedAt[m.Id] = DateTimeOffset.UtcNow;
                }

                return recordedAt.Count == reported.Count;
            },
            TimeSpan.FromSeconds(120),
            $"the gateway's failures recorded as {string.Join(", ", reported.Select(m => $"{m.Id}={expected[m.Id]}"))}");
        var answered = await turn;

        var calls = bed.Providers.GatewayCalls.Where(c => c.At >= faultAt).ToList();
        var hangLimit = bed.Release.Era == OpenClawEra.SqliteStores ? OpenClawTestHome.ProviderTimeoutSeconds : OpenClawTestHome.RunTimeoutSeconds;
        var lines = new List<string>();
        foreach (var model in reported)
        {
            var kind = expected[model.Id];
            // The gateway retries a failing call internally (≈ 20 s of 429s on 2026.2.12) before it reports: its report
            // follows the last failing call before Guard's record, not the first.
            var call = calls.LastOrDefault(c => c.Provider == model.Provider && c.At <= recordedAt[model.Id]) ?? calls.FirstOrDefault(c => c.Provider == model.Provider);
            Assert.True(call is not null, $"the gateway never called {model.Provider} after the fault");
            var failedAt = call.Behaviour == ProviderBehaviour.Hang ? call.At.AddSeconds(hangLimit) : call.At;
            var lag = recordedAt[model.Id] - failedAt;
            lines.Add($"{model.Id} {kind}: gateway failure → Guard record {Seconds(lag)}" + (probeSeen.TryGetValue(model.Id, out var p) ? $", own probe {p.TotalSeconds:F1} s after the fault" : ""));
            // The issue: "within seconds", the hang within 5 s. The lag runs from the provider call, so it includes the
            // gateway's own time to decide and log (0.2–1.0 s measured on an idle machine, 7.7 s once at load 20).
            var bound = call.Behaviour == ProviderBehaviour.Hang ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(15);
            Assert.True(lag <= bound, $"{model.Id}: {kind} recorded {Seconds(lag)} after the gateway's failure at {failedAt:O} (bound {bound.TotalSeconds} s)\n{guard.Describe()}");
        }

        if (reported.Count < chain.Count)
        {
            lines.Add($"{chain[^1].Id} Timeout: not in the gateway's log or store (this release logs no hang); own probe {probeSeen[chain[^1].Id].TotalSeconds:F1} s after the fault");
        }

        output.WriteLine($"{version}: incident shape (turn answered: {answered.Answered})\n  " + string.Join("\n  ", lines));
        // Guard's own probes are measured, not held to the 5 s: a hanging model's retries hold the whole round (16 s seen
        // on 2026.9.6, docs/openclaw-e2e.md). The issue's bound is on the gateway's report, asserted above.
    }

    [OpenClawTheory]
    [MemberData(nameof(OpenClawReleases.Versions), MemberType = typeof(OpenClawReleases))]
    [Phase(5)]
    public async Task Every_model_failing_fast_restarts_the_unit_once_verified_and_alerts_once(string version)
    {
        var bed = await fixture.BedAsync(version);
        await bed.EnsureServingAsync();
        await using var hook = await AlertHookReceiver.StartAsync();
        await using var guard = new GuardBeside(bed);
        guard.WriteFastConfig(hook.Url);
        var pid = await bed.MainPidAsync();
        var starts = bed.Starts;
        guard.StartRun();
        await guard.WaitUntilAsync(() => ChainRounds(guard) >= 2, TimeSpan.FromSeconds(60), "two healthy rounds");

        var faultAt = Stopwatch.StartNew();
        bed.Providers.SetAll(ProviderBehaviour.ServerError);
        // The failing turn runs beside the outage, not before it: 2026.2.x holds a failing turn for up to a minute, and
        // an outage that lasts that long is one a restart does not cure (Guard then rightly restarts to its budget).
        var outageTurn = AgentTurn.RunAsync(bed.Home, "outage", timeoutSeconds: 60);

        // The outage ends with the restart, as one that a restart cures: providers healthy from the moment Guard commits
        // to it (its write-ahead record, fsync'd before the D-Bus call). Waiting for the new start instead loses a race:
        // the verification round can probe within milliseconds of ExecStartPre.
        await guard.WaitUntilAsync(() => guard.Restarts().Count > 0, TimeSpan.FromSeconds(120), "Guard's restart record");
        var restartedAfter = faultAt.Elapsed;
        bed.Providers.SetAll(ProviderBehaviour.Healthy);
        await guard.WaitUntilAsync(() => bed.Starts > starts, TimeSpan.FromSeconds(120), "a new start of the gateway unit");
        var turn = await outageTurn;
        output.WriteLine($"{version}: the turn during the outage: {turn}");
        await guard.WaitUntilAsync(
            () => guard.Restarts().Any(r => r.GetProperty("outcome").GetString() != "pending" && r.GetProperty("verified").ValueKind != JsonValueKind.Null),
            TimeSpan.FromSeconds(180),
            "the restart's verification");
        var verifiedAfter = faultAt.Elapsed;
        await guard.WaitUntilAsync(() => hook.Of("ChainDark").Count > 0 && hook.Of("GatewayRestarted").Count > 0, TimeSpan.FromSeconds(30), "the ChainDark and GatewayRestarted webhooks");
        await Task.Delay(TimeSpan.FromSeconds(10)); // nothing more may follow

        var restart = Assert.Single(guard.Restarts());
        output.WriteLine($"{version}: all-fail-fast: restart started {restartedAfter.TotalSeconds:F1} s after the fault, verified at {verifiedAfter.TotalSeconds:F1} s; record {Redact(bed, restart.ToString())}; webhooks {string.Join(", ", hook.Received.Select(b => $"{AlertHookReceiver.AlertName(b)}/{b.GetProperty("status").GetString()}"))}");
        Assert.Equal("ChainDark", restart.GetProperty("trigger").GetString());
        Assert.Equal("restarted", restart.GetProperty("outcome").GetString());
        Assert.True(restart.GetProperty("verified").GetBoolean(), restart.ToString());
        Assert.Equal(starts + 1, bed.Starts);
        Assert.NotEqual(pid, await bed.MainPidAsync());
        Assert.Single(hook.Of("ChainDark"));
        Assert.Single(hook.Of("GatewayRestarted"));
        AssertNoSecrets(bed, string.Join('\n', hook.Received.Select(b => b.ToString())) + guard.Guard.StandardError);
    }

    private static long ChainRounds(GuardBeside guard) =>
        guard.ReadState() is { } s && s.TryGetProperty("chain", out var chain) && chain.TryGetProperty("rounds", out var rounds) ? rounds.GetInt64() : 0;

    private static string? ProbeKind(GuardBeside guard, string id) =>
        guard.Model(id) is { } m && m.TryGetProperty("last_failure_kind", out var kind) && kind.ValueKind == JsonValueKind.String ? kind.GetString() : null;

    private static string? GatewayKind(GuardBeside guard, string id) =>
        guard.Model(id) is { } m && m.TryGetProperty("gateway", out var seen) && seen.ValueKind == JsonValueKind.Object
            && seen.TryGetProperty("last_failure_kind", out var kind) && kind.ValueKind == JsonValueKind.String ? kind.GetString() : null;

    /// <summary>What check-config names as a key's origin for each shape.</summary>
    private static string ExpectedOrigin(KeyShape shape) => shape switch
    {
        KeyShape.Inline => "apiKey",
        KeyShape.EnvReferenceDotEnv => ".env",
        KeyShape.EnvReferenceConfigVars => "env",
        KeyShape.SecretRefEnv => ".env",
        KeyShape.ProfileMarkerSqlite => "openclaw.sqlite",
        KeyShape.AuthProfileJson => "auth-profiles.json",
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private static string Section(string output, string header)
    {
        var start = output.IndexOf(header, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{header}' not in:\n{output}");
        var next = output.IndexOf("\n  ", output.IndexOf("\n       key ", start, StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        return output[start..(next < 0 ? output.Length : next)];
    }

    private static void AssertNoSecrets(EndToEndBed bed, string text)
    {
        foreach (var key in bed.Home.Keys)
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        }
    }

    private static string Redact(EndToEndBed bed, string text) =>
        bed.Home.Keys.Aggregate(text, (t, key) => t.Replace(key, "***", StringComparison.Ordinal));

    private static string Describe(IReadOnlyDictionary<string, long> totals) =>
        string.Join(", ", totals.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static string Seconds(TimeSpan? span) => span is { } s ? $"{s.TotalSeconds:F1} s" : "never";
}
