using Guard.Chain;
using System.Runtime.Versioning;
using Guard.Configuration;
using Guard.OpenClaw.Advice;
using Guard.OpenClaw.Discovery;
using Guard.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.OpenClaw;

/// <summary>
/// An OpenClaw home whose <c>openclaw</c> is a shell script on a private PATH: it records its argv, answers
/// <c>config get agents.defaults.model</c> from model.json and, on <c>config set</c>, rewrites model.json and
/// openclaw.json the way the real CLI would — or fails, or hangs, as <see cref="Mode"/> says.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ReorderFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);
    public static readonly string[] Chain = ["google/gemini-3-flash", "zhipu/glm-4.7", "nvidia/moonshotai/kimi-k2.5"];

    private readonly LiveOptions _live;

    public ReorderFixture(FakeTimeProvider? time = null, Action<OpenClawOptions>? configure = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        var bin = Path.Combine(Home.Home, "bin");
        var script = Home.WriteExecutable("bin/openclaw", $$"""
            #!/bin/sh
            echo "$*" >> '{{CallsPath}}'
            mode=$(cat '{{ModePath}}' 2>/dev/null)
            case "$1 $2" in
              "config get") cat '{{ModelPath}}' ;;
              "config set")
                case "$mode" in
                  fail) echo 'Error: EACCES: permission denied, open openclaw.json' >&2; exit 4 ;;
                  hang) sleep 300 ;;
                esac
                printf '%s' "$4" > '{{ModelPath}}'
                printf '{ agents: { defaults: { model: %s } } }' "$4" > "$OPENCLAW_CONFIG_PATH" ;;
              *) echo "unknown command: $*" >&2; exit 1 ;;
            esac
            """);
        Home.Env["PATH"] = bin + ":/usr/bin:/bin";
        SetChainOnDisk(Chain);
        var options = new GuardOptions();
        options.OpenClaw = Home.Options(o =>
        {
            o.Cli = "openclaw";
            o.Reorder = ReorderMode.Apply;
            configure?.Invoke(o);
        });
        options.DataDirectory = Home.Home;
        _live = new LiveOptions(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        Store = new StateStore(new GuardState(), Path.Combine(Home.Home, "state.json"));
        Reorderer = NewReorderer();
    }

    public OpenClawHome Home { get; } = new();

    public FakeTimeProvider Time { get; }

    public ModelChain PublishedChain { get; } = new();

    public StateStore Store { get; private set; }

    public RecordingAlertPublisher Alerts { get; } = new();

    public ChainReorderer Reorderer { get; private set; }

    public GuardOptions Options => _live.Current;

    public string CallsPath => Path.Combine(Home.Home, "calls.log");

    public string ModePath => Path.Combine(Home.Home, "mode");

    public string ModelPath => Path.Combine(Home.Home, "model.json");

    public string Mode
    {
        set => File.WriteAllText(ModePath, value);
    }

    public IReadOnlyList<string> Calls => File.Exists(CallsPath) ? File.ReadAllLines(CallsPath) : [];

    public IReadOnlyList<string> Sets => Calls.Where(c => c.StartsWith("config set ", StringComparison.Ordinal)).ToList();

    public ReorderState Reorder => Store.Snapshot().Reorder;

    /// <summary>The owner (or the CLI) changed openclaw.json: both the file discovery reads and what the CLI answers.</summary>
    public void SetChainOnDisk(IReadOnlyList<string> chain)
    {
        var json = Guard.OpenClaw.Cli.OpenClawChainWriter.ToJson(chain);
        File.WriteAllText(ModelPath, json);
        Home.Config($"// the owner's config\n{{ agents: {{ defaults: {{ model: {json}, }} }}, }}");
    }

    /// <summary>What the discovery service does when openclaw.json changes (read as JSON5, published for every reader).</summary>
    public async Task RediscoverAsync()
    {
        var result = await new OpenClawDiscoverer(Home.GetEnv).DiscoverAsync(Options.OpenClaw, CancellationToken.None);
        PublishedChain.Publish(Options.OpenClaw, result);
    }

    public void Health(string id, ModelHealth health, double latencyMs = 500) =>
        Store.Update(s => s.Models[id] = new ModelState { Health = health, LastLatencyMs = latencyMs });

    public Task<string> EvaluateAsync() => Reorderer.EvaluateAsync(CancellationToken.None);

    /// <summary>A Guard restart: the state goes through its file format; the reorderer starts with no memory.</summary>
    public void Restart()
    {
        Store = new StateStore(StateFile.Deserialize(StateFile.Serialize(Store.Snapshot())), Store.FilePath);
        Reorderer = NewReorderer();
    }

    private ChainReorderer NewReorderer() =>
        new(_live, PublishedChain, Store, Alerts, Time, NullLogger<ChainReorderer>.Instance, Home.GetEnv);

    public void Dispose()
    {
        _live.Dispose();
        Home.Dispose();
    }
}
