using System.Diagnostics;
using System.Text.Json;
using Guard.IntegrationTests.Infrastructure;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// The real <c>guard</c> binary beside a bed's gateway, as a new user runs it: HOME is the OpenClaw home, the
/// release's <c>openclaw</c> and Node first on PATH, the private user manager's bus, nothing of the runner's keys or
/// OPENCLAW_* variables. <see cref="WriteFastConfig"/> only shortens Guard's clocks (a round every 2 s) so a phase
/// takes a minute, and points its data directory and alerts at the test; discovery stays on.
/// </summary>
public sealed class GuardBeside : IAsyncDisposable
{
    public const string HookVariable = "GUARD_E2E_HOOK_URL";
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    private readonly EndToEndBed _bed;
    private readonly TempDirectory _root = new("guard-e2e-");
    private GuardProcess? _guard;

    public GuardBeside(EndToEndBed bed) => _bed = bed;

    public string DataDirectory => _root.Combine("data");

    public string ConfigPath => _root.Combine("guard.json");

    public string StatePath => Path.Join(DataDirectory, ".api_health_state.json");

    public GuardProcess Guard => _guard ?? throw new InvalidOperationException("guard run is not running");

    public Dictionary<string, string?> ExtraEnvironment { get; } = new(StringComparer.Ordinal);

    public void WriteFastConfig(string? hookUrl = null, bool recovery = true)
    {
        if (hookUrl is not null)
        {
            ExtraEnvironment[HookVariable] = hookUrl;
        }

        File.WriteAllText(ConfigPath, JsonSerializer.Serialize(new
        {
            Guard = new
            {
                DataDirectory,
                Probe = new { Schedule = "*/2 * * * * *", Timeout = ProbeTimeout.ToString("c"), FallbackDelay = "00:00:00", DownAfter = 2 },
                OpenClaw = new { Unit = _bed.Unit },
                Recovery = new { Enabled = recovery, AllFailedRounds = 2, MaxRestarts = 3, MinSpacing = "00:00:15", VerifyTimeout = "00:02:00", HealthCheckInterval = "00:00:05" },
                Quota = new { CheckEvery = "00:00:05" },
                Alerts = hookUrl is null
                    ? (object)new { }
                    : new { Channels = new[] { new { Name = "hook", Type = "Webhook", UrlEnv = HookVariable } } },
                Logging = new { ConsoleFormat = "Plain", MinimumLevel = "Debug" },
            },
        }));
    }

    public GuardProcessOptions Options(TimeSpan timeout)
    {
        var options = new GuardProcessOptions { WorkingDirectory = _root.Path, Timeout = timeout };
        var environment = options.Environment;
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.OfType<string>()
                     .Where(n => n.StartsWith("OPENCLAW_", StringComparison.Ordinal) || n.EndsWith("_API_KEY", StringComparison.Ordinal)))
        {
            environment[name] = null;
        }

        _bed.Manager.ApplyEnvironment(environment);
        environment["DBUS_SESSION_BUS_ADDRESS"] = null;
        environment["HOME"] = _bed.Home.Root;
        environment["PATH"] = _bed.Home.Installation.SearchPath;
        environment["LANG"] = "C.UTF-8";
        foreach (var (name, value) in ExtraEnvironment)
        {
            environment[name] = value;
        }

        return options;
    }

    /// <summary>A one-shot command; with <paramref name="fastConfig"/> false, exactly as installed (no Guard config at all).</summary>
    public Task<GuardProcessResult> RunAsync(bool fastConfig, params string[] arguments) =>
        GuardProcess.RunAsync(fastConfig ? [.. arguments, "--config", ConfigPath] : arguments, Options(TimeSpan.FromMinutes(2)));

    public GuardProcess StartRun()
    {
        _guard = GuardProcess.Start(["run", "--config", ConfigPath], Options(TimeSpan.FromMinutes(10)));
        return _guard;
    }

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
            catch (DirectoryNotFoundException)
            {
                return null;
            }
            catch (Exception e) when (e is IOException or JsonException && attempt < 5)
            {
                Thread.Sleep(20); // renamed over while opening
            }
        }
    }

    public JsonElement? Model(string id) =>
        ReadState() is { } state && state.TryGetProperty("models", out var models) && models.TryGetProperty(id, out var model) ? model : null;

    public IReadOnlyList<JsonElement> Restarts() =>
        ReadState() is { } state && state.TryGetProperty("restarts", out var restarts) ? [.. restarts.EnumerateArray()] : [];

    /// <summary>Guard's log file's JSON records (compact Serilog: <c>@t</c>, <c>EventId.Id</c>, properties).</summary>
    public IReadOnlyList<JsonElement> LogRecords(int? eventId = null)
    {
        var directory = Path.Join(DataDirectory, "logs");
        var records = new List<JsonElement>();
        if (!Directory.Exists(directory))
        {
            return records;
        }

        foreach (var file in Directory.GetFiles(directory, "api_health*.log"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                try
                {
                    using var document = JsonDocument.Parse(line);
                    var root = document.RootElement;
                    if (eventId is null || (root.TryGetProperty("EventId", out var id) && id.TryGetProperty("Id", out var number) && number.GetInt32() == eventId))
                    {
                        records.Add(root.Clone());
                    }
                }
                catch (JsonException)
                {
                    // The last line may still be being written.
                }
            }
        }

        return records;
    }

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

    public string Describe()
    {
        var text = $"--- state ---\n{(File.Exists(StatePath) ? File.ReadAllText(StatePath) : "(none)")}\n" +
            $"--- gateway evidence Guard logged (6011) ---\n{string.Join('\n', LogRecords(6011).Select(r => $"{Prop(r, "@t")} {Prop(r, "ModelId")} {Prop(r, "Kind")} {Prop(r, "Event")}: {Prop(r, "Message")}"))}\n" +
            $"--- guard stderr (tail) ---\n{Tail(_guard?.StandardError)}\n--- gateway log (tail) ---\n{Tail(ReadGatewayLog())}";
        foreach (var key in _bed.Home.Keys)
        {
            text = text.Replace(key, "***", StringComparison.Ordinal);
        }

        return text;
    }

    public string ReadGatewayLog()
    {
        if (!File.Exists(_bed.Home.LogFile))
        {
            return "(no gateway log)";
        }

        using var stream = new FileStream(_bed.Home.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        if (_guard is not null)
        {
            _guard.Terminate();
            await _guard.WaitForOutputAsync((_, _) => _guard.HasExited, TimeSpan.FromSeconds(15));
            await _guard.DisposeAsync();
        }

        _root.Dispose();
    }

    private static string Prop(JsonElement record, string name) => record.TryGetProperty(name, out var value) ? value.ToString() : "-";

    private static string Tail(string? text, int length = 12_000) =>
        text is null ? "(none)" : text.Length <= length ? text : text[^length..];
}
