using System.Text.Json;
using Guard.IntegrationTests.Infrastructure;
using Guard.IntegrationTests.Probing;
using Guard.State;

namespace Guard.IntegrationTests.Quota;

/// <summary>
/// The real <c>guard run</c> next to a fixture OpenClaw home: a model whose transcript gains a successful turn just
/// served real traffic, so its paid deep probe is skipped in that DeepEvery window; a model without traffic gets its
/// deep probe on time. Deep probes are counted at the loopback provider server.
/// </summary>
public sealed class TranscriptTrafficDeepProbeTests : IAsyncLifetime
{
    private const string KeyEnv = "TRAFFIC_TEST_KEY";
    private const string Key = "tt-key-Qm4rV8";

    private readonly TempDirectory _root = new("guard-traffic-");
    private ScriptedProviderServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedProviderServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task A_served_turn_in_a_transcript_skips_that_model_s_deep_probe_in_the_window()
    {
        foreach (var name in new[] { "busy", "quiet" })
        {
            _server.On("GET", $"/{name}/v1/models", 200, $$"""{"object":"list","data":[{"id":"glm-{{name}}","object":"model"}]}""")
                .On("POST", $"/{name}/v1/chat/completions", 200, """{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"p"},"finish_reason":"length"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""");
        }

        var data = _root.Combine("data");
        var sessions = Path.Combine(_root.Combine("agents"), "main", "sessions");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(sessions);
        var transcript = Path.Combine(sessions, "3f2a-live.jsonl");
        File.WriteAllText(transcript, $$"""{"type":"session","version":3,"id":"3f2a-live","timestamp":"{{Iso(DateTimeOffset.UtcNow.AddHours(-1))}}","cwd":"/w"}""" + "\n");

        // Both models were deep-probed 40 s ago: with DeepEvery 1 min the next deep probes are due in ~20 s.
        var state = new GuardState();
        foreach (var name in new[] { "busy", "quiet" })
        {
            var at = DateTimeOffset.UtcNow.AddSeconds(-40);
            state.Models[$"zai/glm-{name}"] = new ModelState { Health = ModelHealth.Healthy, LastDeepProbe = at, LastSuccess = at, LastAvailable = at, LastCheck = at };
        }

        StateFile.Save(StateFile.PathIn(data), state);
        var config = _root.Combine("guard.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Guard = new
            {
                DataDirectory = data,
                Probe = new { Schedule = "*/1 * * * * *", Timeout = "00:00:02", FallbackDelay = "00:00:00", DeepEvery = "00:01:00" },
                Models = new[] { "busy", "quiet" }.Select(name => new
                {
                    Id = $"zai/glm-{name}", Api = "openai-completions", BaseUrl = $"{_server.BaseUrl}/{name}/v1", Model = $"glm-{name}", ApiKeyEnv = KeyEnv,
                }),
                OpenClaw = new { Discover = false, WatchLog = false, AgentsDirectory = _root.Combine("agents"), HealthUrl = "" },
                Recovery = new { Enabled = false },
                Quota = new { CheckEvery = "00:00:05" },
            },
        }));

        var options = new GuardProcessOptions { WorkingDirectory = _root.Path, Timeout = TimeSpan.FromSeconds(90) };
        options.Environment[KeyEnv] = Key;
        options.Environment["HOME"] = _root.Path;
        await using var guard = GuardProcess.Start(["run", "--config", config], options);
        Assert.True(
            await guard.WaitForOutputAsync((_, _) => _server.RequestsTo("GET", "/quiet/v1/models").Count > 0 && SavedState(data).Contains("3f2a-live.jsonl", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
            guard.StandardError);

        // Real traffic: the busy model serves a turn now (read past the transcript's known offset within 5 s).
        File.AppendAllText(transcript, $$$"""{"type":"message","id":"m1","parentId":null,"timestamp":"{{{Iso(DateTimeOffset.UtcNow)}}}","message":{"role":"assistant","content":[{"type":"text","text":"done"}],"api":"openai-completions","provider":"zai","model":"glm-busy","usage":{"input":900,"output":40,"cacheRead":0,"cacheWrite":0,"totalTokens":940,"cost":{"input":0,"output":0,"cacheRead":0,"cacheWrite":0,"total":0.001}},"stopReason":"stop","timestamp":{{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}}}""" + "\n");

        // Past the quiet model's due time (~20 s after start) with room for a loaded machine.
        Assert.True(
            await guard.WaitForOutputAsync((_, _) => _server.RequestsTo("POST", "/quiet/v1/chat/completions").Count > 0, TimeSpan.FromSeconds(45)),
            guard.StandardError);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Empty(_server.RequestsTo("POST", "/busy/v1/chat/completions"));
        Assert.NotEmpty(_server.RequestsTo("GET", "/busy/v1/models"));
        var saved = File.ReadAllText(StateFile.PathIn(data));
        Assert.Contains("\"zai/glm-busy\"", saved, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, saved, StringComparison.Ordinal);
    }

    private static string SavedState(string data)
    {
        try
        {
            return File.ReadAllText(StateFile.PathIn(data));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
