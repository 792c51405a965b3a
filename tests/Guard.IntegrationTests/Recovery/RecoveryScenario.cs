using System.Diagnostics;
using System.Text.Json;
using Guard.IntegrationTests.Infrastructure;
using Guard.IntegrationTests.Probing;
using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.Recovery;

/// <summary>
/// One end-to-end recovery scenario: a scripted provider server, a fast Guard configuration pointed at it and at a
/// unit of the private systemd user manager, the real <c>guard run</c> process, and readers for what it wrote.
/// </summary>
internal sealed class RecoveryScenario : IAsyncDisposable
{
    public const string KeyEnv = "TEST_PROVIDER_KEY";
    public const string Key = "test-key-Rc7vN3xK5pW2";

    private readonly SystemdUserManagerFixture _systemd;
    private readonly TempDirectory _root = new("guard-recovery-");
    private GuardProcess? _guard;

    private RecoveryScenario(SystemdUserManagerFixture systemd, ScriptedProviderServer server, string unit)
    {
        _systemd = systemd;
        Server = server;
        Unit = unit;
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(DataDirectory);
    }

    public ScriptedProviderServer Server { get; }

    public string Unit { get; }

    public string Root => _root.Path;

    public string Home => _root.Combine("home");

    public string DataDirectory => _root.Combine("data");

    public string ConfigPath => _root.Combine("guard.json");

    public string StatePath => Path.Combine(DataDirectory, ".api_health_state.json");

    public GuardProcess Guard => _guard ?? throw new InvalidOperationException("guard is not running");

    public static async Task<RecoveryScenario> StartAsync(SystemdUserManagerFixture systemd, string unit) =>
        new(systemd, await ScriptedProviderServer.StartAsync(), unit);

    /// <summary>Fast everything: a round every second, 1 s timeouts, no fallback delay, reach tier only.</summary>
    public void WriteConfig(IEnumerable<object> models, object recovery, string healthUrl = "", object? alerts = null) =>
        File.WriteAllText(ConfigPath, JsonSerializer.Serialize(new
        {
            Guard = new
            {
                DataDirectory,
                Probe = new { Schedule = "*/1 * * * * *", Timeout = "00:00:01", FallbackDelay = "00:00:00", DownAfter = 1 },
                Models = models,
                OpenClaw = new { Discover = false, Unit, HealthUrl = healthUrl },
                Recovery = recovery,
                Alerts = alerts ?? new { },
                Logging = new { ConsoleFormat = "Plain", MinimumLevel = "Debug" },
            },
        }));

    /// <summary>An OpenAI-compatible model served at <c>/{name}/v1</c>.</summary>
    public object OpenAiModel(string provider, string name) =>
        new { Id = $"{provider}/{name}", Api = "openai-completions", BaseUrl = $"{Server.BaseUrl}/{name}/v1", ApiKeyEnv = KeyEnv, Tiers = new[] { "Reach" } };

    public object GeminiModel(string name) =>
        new { Id = $"google/{name}", Api = "google-generative-ai", BaseUrl = $"{Server.BaseUrl}/{name}/v1beta", ApiKeyEnv = KeyEnv, Tiers = new[] { "Reach" } };

    /// <summary>The process environment for anything that must reach the private manager.</summary>
    public void ApplyEnvironment(IDictionary<string, string?> environment)
    {
        _systemd.ApplyEnvironment(environment);
        environment["DBUS_SESSION_BUS_ADDRESS"] = null; // null removes: never the developer's own session bus
        environment["HOME"] = Home;
        environment[KeyEnv] = Key;
        foreach (var (name, value) in ExtraEnvironment)
        {
            environment[name] = value;
        }
    }

    /// <summary>More variables for guard (e.g. a channel's signing secret).</summary>
    public Dictionary<string, string?> ExtraEnvironment { get; } = new(StringComparer.Ordinal);

    public GuardProcess StartGuard()
    {
        var options = new GuardProcessOptions { WorkingDirectory = Root, Timeout = TimeSpan.FromSeconds(90) };
        ApplyEnvironment(options.Environment);
        _guard = GuardProcess.Start(["run", "--config", ConfigPath], options);
        return _guard;
    }

    public async Task<GuardProcessResult> RunGuardAsync(params string[] arguments)
    {
        var options = new GuardProcessOptions { WorkingDirectory = Root, Timeout = TimeSpan.FromSeconds(60) };
        ApplyEnvironment(options.Environment);
        return await GuardProcess.RunAsync([.. arguments, "--config", ConfigPath], options);
    }

    /// <summary>The state file as JSON, or null while it does not exist yet.</summary>
    public JsonElement? ReadState()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(StatePath));
                return document.RootElement.Clone();
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (IOException) when (attempt < 5)
            {
                // Renamed over while opening; the next read sees the new file.
            }
        }
    }

    public IReadOnlyList<JsonElement> Restarts() =>
        ReadState() is { } state && state.TryGetProperty("restarts", out var restarts) ? [.. restarts.EnumerateArray()] : [];

    public string LogFileText()
    {
        var directory = Path.Combine(DataDirectory, "logs");
        return Directory.Exists(directory)
            ? string.Join("\n", Directory.GetFiles(directory, "api_health*.log").Select(ReadShared))
            : string.Empty;
    }

    /// <summary>The log file's JSON records with this event id (unparsable partial lines skipped).</summary>
    public IReadOnlyList<JsonElement> LogRecords(int eventId)
    {
        var records = new List<JsonElement>();
        foreach (var line in LogFileText().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.TryGetProperty("EventId", out var id) && id.TryGetProperty("Id", out var number) && number.GetInt32() == eventId)
                {
                    records.Add(root.Clone());
                }
            }
            catch (JsonException)
            {
                // The last line may still be being written.
            }
        }

        return records;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with Guard's output and state when it never does.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return;
            }

            if (_guard is { HasExited: true })
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.True(condition(), $"timed out after {clock.Elapsed.TotalSeconds:0.0} s waiting for {what}\n{Describe()}");
    }

    public string Describe() =>
        $"--- state ---\n{(File.Exists(StatePath) ? ReadShared(StatePath) : "(none)")}\n" +
        $"--- guard stdout ---\n{_guard?.StandardOutput}\n--- guard stderr ---\n{_guard?.StandardError}\n" +
        $"--- provider requests ---\n{string.Join("\n", Server.Requests.Select(r => r.ToString()))}";

    public async ValueTask DisposeAsync()
    {
        if (_guard is not null)
        {
            _guard.Terminate();
            await _guard.WaitForOutputAsync((_, _) => _guard.HasExited, TimeSpan.FromSeconds(10));
            await _guard.DisposeAsync();
        }

        await Server.DisposeAsync();
        _root.Dispose();
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
