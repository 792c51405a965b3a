using System.Globalization;
using Guard.IntegrationTests.Infrastructure;
using Guard.IntegrationTests.Logging;
using Guard.IntegrationTests.Probing;
using Guard.IntegrationTests.Systemd;
using Guard.Tests.TestSupport;
using Xunit.Abstractions;

namespace Guard.IntegrationTests.Packaging;

/// <summary>
/// Issue #8's "done when", as a new user does it, inside a private HOME, a private systemd-journald and a real
/// systemd user manager (both in one mount namespace, so the manager's units log into that journald):
/// <c>packaging/install.sh</c>, <c>systemctl --user enable --now guard</c> (Type=notify: returns once READY=1 came),
/// journalctl filtered by <c>GUARD_MODEL</c> and by priority, then <c>install.sh --uninstall</c> keeps the data.
/// The binary is the test output's JIT guard behind an exec wrapper (exec keeps systemd as the parent, so READY works).
/// </summary>
/// <remarks>
/// The journal is queried with <c>journalctl -u guard</c>, not <c>--user -u guard</c>: in this container the private
/// user manager puts its units at the cgroup root (<c>/app.slice/guard.service</c>) instead of under
/// <c>user@UID.service</c>, so journald records <c>_SYSTEMD_UNIT=guard.service</c> and no <c>_SYSTEMD_USER_UNIT</c>.
/// On a booted machine the same entries carry <c>_SYSTEMD_USER_UNIT</c> and the <c>--user</c> form matches them.
/// </remarks>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(RealSystemdCollection.Name)]
public sealed class InstallAsServiceEndToEndTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const string OkModel = "openai/e2e-ok";
    private const string DeniedModel = "openai/e2e-denied";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(240);

    // $1 = work root, $2 = install.sh, $3 = guard wrapper. Everything the test checks lands in files under $1.
    private const string Script = """
        set -u
        root=$1; install=$2; wrapper=$3
        export HOME=$root/home XDG_RUNTIME_DIR=$root/runtime
        unset XDG_CONFIG_HOME DBUS_SESSION_BUS_ADDRESS INVOCATION_ID JOURNAL_STREAM
        ms() { date +%s%3N; }
        mount -t tmpfs tmpfs /run/systemd || exit 91
        mount -t tmpfs tmpfs /run/log || exit 91
        mkdir -p /run/systemd/journal /run/systemd/system /run/log/journal
        if [ -d /var/log/journal ]; then mount -t tmpfs tmpfs /var/log/journal; fi
        /lib/systemd/systemd-journald >"$root/journald.out" 2>&1 &
        jpid=$!
        i=0; while [ ! -S /run/systemd/journal/socket ]; do i=$((i+1)); [ $i -gt 400 ] && exit 92; sleep 0.05; done
        SYSTEMD_LOG_TARGET=console /lib/systemd/systemd --user >"$root/manager.out" 2>&1 &
        mpid=$!
        i=0; until busctl --user call org.freedesktop.systemd1 /org/freedesktop/systemd1 org.freedesktop.DBus.Peer Ping >/dev/null 2>&1; do
            i=$((i+1)); [ $i -gt 400 ] && exit 93; sleep 0.05; done

        bash "$install" --binary "$wrapper" >"$root/install.out" 2>&1; echo $? >"$root/install.rc"
        cp "$root/guard-config.json" "$HOME/.config/guard/appsettings.json"
        printf 'E2E_OK_KEY=sk-e2e-ok\nE2E_DENIED_KEY=sk-e2e-denied\n' >"$HOME/.config/guard/env"

        t0=$(ms)
        systemctl --user enable --now guard >"$root/enable.out" 2>&1; echo $? >"$root/enable.rc"
        echo $(( $(ms) - t0 )) >"$root/ready.ms"
        systemctl --user show guard -p ActiveState -p SubState -p Type -p MainPID -p StatusText >"$root/show.out"

        i=0; until journalctl -u guard -p warning -q --no-pager GUARD_MODEL=openai/e2e-denied | grep -q .; do
            i=$((i+1)); [ $i -gt 600 ] && break; sleep 0.1; done
        journalctl -u guard --no-pager -o json GUARD_MODEL=openai/e2e-ok >"$root/model.json"
        journalctl -u guard --no-pager -o json -p warning >"$root/warning.json"
        journalctl -u guard --no-pager >"$root/all.txt"

        bash "$install" --uninstall >"$root/uninstall.out" 2>&1; echo $? >"$root/uninstall.rc"
        systemctl --user show guard -p LoadState -p ActiveState >"$root/after.out"
        kill -TERM $mpid; wait $mpid
        kill $jpid; wait $jpid
        exit 0
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("guard-e2e-service-").FullName;
    private ScriptedProviderServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedProviderServer.StartAsync();
        _server
            .On("GET", "/ok/v1/models", 200, ProviderBodies.OpenAiModelsList("e2e-ok"))
            .On("GET", "/denied/v1/models", 401, """{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}""");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [JournaldFact]
    public async Task InstallSh_EnableNow_ReachesReady_JournalFiltersByModelAndPriority_UninstallKeepsData()
    {
        Directory.CreateDirectory(Path.Join(_root, "home"));
        Directory.CreateDirectory(Path.Join(_root, "runtime"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var wrapper = Path.Join(_root, "guard-wrapper");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        ExecutableScript.Write(wrapper, $"#!/bin/sh\nexec '{dotnet}' '{GuardProcess.GuardDll}' \"$@\"\n");
        // Default DataDirectory (~/.openclaw/workspace, absent on a fresh machine): the unit must create it.
        await File.WriteAllTextAsync(Path.Join(_root, "guard-config.json"), $$"""
            {
              "Guard": {
                "Probe": { "Schedule": "* * * * * *", "Timeout": "00:00:02", "FallbackDelay": "00:00:00", "DownAfter": 1 },
                "OpenClaw": { "Discover": false },
                "Models": [
                  { "Id": "{{OkModel}}", "BaseUrl": "{{_server.BaseUrl}}/ok/v1", "ApiKeyEnv": "E2E_OK_KEY", "Tiers": [ "Reach" ] },
                  { "Id": "{{DeniedModel}}", "BaseUrl": "{{_server.BaseUrl}}/denied/v1", "ApiKeyEnv": "E2E_DENIED_KEY", "Tiers": [ "Reach" ] }
                ]
              }
            }
            """);

        var run = await ProcessRun.RunAsync(
            "unshare",
            ["-m", "--propagation", "private", "sh", "-c", Script, "sh", _root, Path.Join(RepositoryPaths.Packaging, "install.sh"), wrapper],
            _ => { },
            Limit);

        var diagnostics = $"script exit {run.ExitCode}: {run.StandardError}\ninstall:\n{Read("install.out")}\nenable:\n{Read("enable.out")}\n" +
                          $"show:\n{Read("show.out")}\njournal:\n{Read("all.txt")}\nmanager:\n{Read("manager.out")}";
        Assert.True(run.ExitCode == 0, diagnostics);
        Assert.True(Read("install.rc").Trim() == "0", diagnostics);
        Assert.True(Read("enable.rc").Trim() == "0", diagnostics);

        // Type=notify: 'enable --now' returns when READY=1 arrived; the unit is running.
        var show = Read("show.out");
        Assert.Contains("Type=notify", show, StringComparison.Ordinal);
        Assert.Contains("ActiveState=active", show, StringComparison.Ordinal);
        Assert.Contains("SubState=running", show, StringComparison.Ordinal);
        var readyMs = int.Parse(Read("ready.ms").Trim(), CultureInfo.InvariantCulture);
        log.WriteLine($"systemctl --user enable --now guard → active (READY=1): {readyMs} ms (JIT build behind an exec wrapper)");
        Assert.True(readyMs < 30_000, $"READY after {readyMs} ms\n{diagnostics}");

        // journalctl GUARD_MODEL=… returns Guard's lines for exactly that model.
        var model = Entries("model.json");
        Assert.True(model.Count > 0, diagnostics);
        Assert.All(model, e => Assert.Equal(OkModel, e["GUARD_MODEL"]));
        Assert.All(model, e => Assert.Equal("guard", e["SYSLOG_IDENTIFIER"]));
        Assert.Contains(model, e => e.GetValueOrDefault("GUARD_EVENT_ID") == "1201"); // the "Chain model" start line

        // -p warning: only warning or worse, and the denied model's failure is among them.
        var warning = Entries("warning.json");
        Assert.Contains(warning, e => e.GetValueOrDefault("GUARD_MODEL") == DeniedModel);
        Assert.All(warning, e => Assert.True(int.Parse(e["PRIORITY"], CultureInfo.InvariantCulture) <= 4, e["MESSAGE"]));
        Assert.DoesNotContain("sk-e2e-", Read("all.txt") + Read("model.json") + Read("warning.json"), StringComparison.Ordinal);

        // --uninstall: unit and binary gone, Guard's data stays.
        Assert.True(Read("uninstall.rc").Trim() == "0", Read("uninstall.out"));
        Assert.Contains("LoadState=not-found", Read("after.out"), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Join(_root, "home", ".local", "bin", "guard")));
        Assert.True(File.Exists(Path.Join(_root, "home", ".openclaw", "workspace", ".api_health_state.json")), Read("uninstall.out"));
    }

    private string Read(string name) => File.Exists(Path.Join(_root, name)) ? File.ReadAllText(Path.Join(_root, name)) : "";

    private List<Dictionary<string, string>> Entries(string name) => JournalJson.Entries(Read(name));
}
