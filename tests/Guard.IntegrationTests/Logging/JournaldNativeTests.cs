using Guard.IntegrationTests.Infrastructure;
using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.Logging;

/// <summary>
/// The real <c>guard run</c> talking to a real systemd-journald: journald runs in a private mount namespace
/// (tmpfs over /run, so its socket is /run/systemd/journal/socket there and the host's journal is untouched),
/// guard starts beside it with JOURNAL_STREAM set, and journalctl reads the entries back by field.
/// </summary>
[Collection(RealSystemdCollection.Name)]
public sealed class JournaldNativeTests : IDisposable
{
    private const string Canary = "CANARYjournaldKEYb3Nv8Qs";
    private const string Model = "google/gemini-canary";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    // Waits for guard's chain line (event 1201) in the journal, stops guard, exports what journalctl finds.
    private const string Script = """
        set -u
        out=$1; shift
        mount -t tmpfs tmpfs /run || exit 91
        mkdir -p /run/systemd/journal /run/log
        if [ -d /var/log/journal ]; then mount -t tmpfs tmpfs /var/log/journal; fi
        /lib/systemd/systemd-journald >"$out/journald.out" 2>&1 &
        jpid=$!
        i=0
        while [ ! -S /run/systemd/journal/socket ]; do
            i=$((i + 1)); if [ $i -gt 400 ]; then echo "journald socket never appeared" >&2; exit 92; fi; sleep 0.05
        done
        JOURNAL_STREAM=8:4242 "$@" >"$out/guard.stdout" 2>"$out/guard.stderr" &
        gpid=$!
        i=0
        until journalctl -D /run/log/journal -q --no-pager GUARD_EVENT_ID=1201 | grep -q .; do
            i=$((i + 1)); if [ $i -gt 1200 ] || ! kill -0 $gpid 2>/dev/null; then break; fi; sleep 0.05
        done
        kill -TERM $gpid 2>/dev/null
        wait $gpid; echo $? >"$out/guard.rc"
        journalctl -D /run/log/journal --no-pager -o json SYSLOG_IDENTIFIER=guard >"$out/all.json"
        journalctl -D /run/log/journal --no-pager -o json GUARD_MODEL=google/gemini-canary >"$out/model.json"
        journalctl -D /run/log/journal --no-pager -o json -p warning SYSLOG_IDENTIFIER=guard >"$out/warning.json"
        kill $jpid; wait $jpid
        exit 0
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("guard-journald-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [JournaldFact]
    public async Task Run_WithJournald_SendsStructuredFields_QueryableByModel_NoSecret()
    {
        var config = Path.Join(_root, "guard.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "Guard": {
                "DataDirectory": "{{Path.Join(_root, "data")}}",
                "Models": [
                  { "Id": "{{Model}}", "Api": "google-generative-ai",
                    "BaseUrl": "https://generativelanguage.example/v1beta?key={{Canary}}", "ApiKeyEnv": "GUARD_CANARY_KEY" }
                ],
                "Logging": { "ConsoleFormat": "Auto", "FileEnabled": false }
              }
            }
            """);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

        var run = await ProcessRun.RunAsync(
            "unshare",
            ["-m", "--propagation", "private", "sh", "-c", Script, "sh", _root, dotnet, GuardProcess.GuardDll, "run", "--config", config],
            env =>
            {
                env["HOME"] = Directory.CreateDirectory(Path.Join(_root, "home")).FullName;
                env["XDG_CONFIG_HOME"] = Path.Join(_root, "xdg");
                env["GUARD_CANARY_KEY"] = Canary;
                env.Remove("INVOCATION_ID");
            },
            Limit);

        var diagnostics = $"script exit {run.ExitCode}: {run.StandardError}\nguard stderr:\n{Read("guard.stderr")}\njournald:\n{Read("journald.out")}";
        Assert.True(run.ExitCode == 0, diagnostics);
        Assert.True(Read("guard.rc").Trim() == "0", diagnostics);

        var all = Entries("all.json");
        var chain = Assert.Single(all, e => e.GetValueOrDefault("GUARD_EVENT_ID") == "1201");
        Assert.Equal("ChainModel", chain["GUARD_EVENT"]);
        Assert.Equal(Model, chain["GUARD_MODEL"]);
        Assert.Equal("6", chain["PRIORITY"]);
        Assert.Equal("guard", chain["SYSLOG_IDENTIFIER"]);
        Assert.Equal("Guard.Logging.LoggingStartupNotice", chain["GUARD_CATEGORY"]);
        Assert.Equal("journal", chain["_TRANSPORT"]); // the native protocol, not a stdout stream
        Assert.Equal(
            $"Chain model {Model}: google-generative-ai at https://generativelanguage.example/v1beta?key=***, key from $GUARD_CANARY_KEY (set)",
            chain["MESSAGE"]);
        var started = Assert.Single(all, e => e.GetValueOrDefault("GUARD_EVENT_ID") == "1200");
        Assert.Contains("console Journald", started["MESSAGE"], StringComparison.Ordinal);

        // journalctl's own field filters work: by model, and by priority (nothing at warning or worse here).
        Assert.Contains(Entries("model.json"), e => e.GetValueOrDefault("GUARD_EVENT_ID") == "1201");
        Assert.DoesNotContain(Entries("warning.json"), e => e.GetValueOrDefault("PRIORITY") is "6" or "7");

        // Native entries replace the stderr lines; the canary is nowhere.
        Assert.DoesNotContain("[1201]", Read("guard.stderr"), StringComparison.Ordinal);
        foreach (var file in new[] { "all.json", "model.json", "guard.stderr", "guard.stdout" })
        {
            Assert.DoesNotContain(Canary, Read(file), StringComparison.Ordinal);
        }
    }

    private string Read(string name) => File.Exists(Path.Join(_root, name)) ? File.ReadAllText(Path.Join(_root, name)) : "";

    private List<Dictionary<string, string>> Entries(string name) => JournalJson.Entries(Read(name));
}
