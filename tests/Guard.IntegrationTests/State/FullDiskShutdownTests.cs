using Guard.IntegrationTests.Alerts;
using Guard.IntegrationTests.Infrastructure;
using Guard.IntegrationTests.Probing;
using Guard.IntegrationTests.Systemd;
using Xunit.Abstractions;

namespace Guard.IntegrationTests.State;

/// <summary>
/// <c>guard run</c> with its data directory on a 2 MiB tmpfs in a private mount namespace (<c>unshare -m</c>): the disk
/// fills up under a running Guard. SIGTERM still exits 0 with a clear line, and the alert outbox that could not be written
/// while the disk was full reaches the disk as soon as space returns — not only with the next change. (A read-only remount
/// cannot be tested this way: the kernel refuses it while Guard holds its log file open for writing; EROFS takes the same
/// IOException paths as ENOSPC.)
/// </summary>
public sealed class FullDiskShutdownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Healthy =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""";

    private readonly TempDirectory _home = new("guard-fulldisk-");
    private ScriptedProviderServer _server = null!;
    private volatile bool _failing;

    public async Task InitializeAsync()
    {
        _server = await ScriptedProviderServer.StartAsync();
        var overloaded = ScriptedResponse.Json(503, """{"error":{"message":"Overloaded","type":"server_error"}}""");
        var models = ScriptedResponse.Json(200, """{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","owned_by":"openai"}]}""");
        _server.On("GET", "/openai/v1/models", _ => _failing ? overloaded : models)
            .On("POST", "/openai/v1/chat/completions", _ => _failing ? overloaded : ScriptedResponse.Json(200, Healthy));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    private string DataDirectory => _home.Combine("data");

    private string OutboxPath => Path.Combine(DataDirectory, "alerts-outbox.json");

    [SystemdFact]
    public async Task Sigterm_on_a_full_disk_exits_0_and_the_outbox_catches_up_when_space_returns()
    {
        await using var receiver = await OutboxWebhookReceiver.StartAsync();
        receiver.Decide = () => (503, TimeSpan.Zero); // every notice stays pending, so the outbox must hold it
        await using var guard = StartInTmpfs(receiver.Url);
        await WaitForAsync(() => InNamespace(guard, "test", "-s", Path.Combine(DataDirectory, ".api_health_state.json")), guard, "the first state save");

        Assert.Equal(0, (await InNamespace(guard, "sh", "-c", $"dd if=/dev/zero of={DataDirectory}/fill bs=64k 2>/dev/null; exit 0")).ExitCode);
        _failing = true; // the model goes down only now: its notice is raised while the disk is full
        await WaitForAsync(() => Task.FromResult(receiver.Requests > 0), guard, "a notice raised while the disk is full");
        var behind = await ReadOutbox(guard);
        Assert.True(behind.Length == 0 || !behind.Contains("\"Pending\"", StringComparison.OrdinalIgnoreCase),
            $"the outbox reached a full disk?\n{behind}");

        Assert.Equal(0, (await InNamespace(guard, "rm", "-f", $"{DataDirectory}/fill")).ExitCode);
        // The dispatcher retries a failed write within AlertDispatcher.SaveRetry (5 s); the receiver keeps refusing, so no
        // new change comes to trigger it.
        await WaitForAsync(async () => (await ReadOutbox(guard)).Contains("ending", StringComparison.OrdinalIgnoreCase), guard,
            "the outbox written once space returned");

        Assert.Equal(0, (await InNamespace(guard, "sh", "-c", $"dd if=/dev/zero of={DataDirectory}/fill bs=64k 2>/dev/null; exit 0")).ExitCode);
        await Task.Delay(TimeSpan.FromSeconds(3)); // let a round and the log file's buffer hit the full disk
        guard.Terminate();
        var result = await guard.WaitForExitAsync();
        output.WriteLine(result.StandardError[^Math.Min(3000, result.StandardError.Length)..]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("Unhandled exception", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("No space left on device", result.StandardError, StringComparison.Ordinal);
    }

    private GuardProcess StartInTmpfs(string hookUrl)
    {
        Directory.CreateDirectory(DataDirectory);
        var config = _home.WriteFile("fulldisk.json", $$"""
            {
              "Guard": {
                "DataDirectory": "{{DataDirectory}}",
                "Probe": { "Schedule": "*/1 * * * * *", "Timeout": "00:00:02", "FallbackDelay": "00:00:00", "DownAfter": 1 },
                "Recovery": { "Enabled": false },
                "OpenClaw": { "Discover": false, "HealthUrl": "" },
                "Alerts": { "Channels": [ { "Name": "hook", "Type": "Webhook", "Url": "{{hookUrl}}" } ] },
                "Models": [ { "Id": "openai/gpt-4o-mini", "BaseUrl": "{{_server.BaseUrl}}/openai/v1", "ApiKeyEnv": "FULLDISK_OPENAI_KEY" } ]
              }
            }
            """);
        var options = new GuardProcessOptions { Timeout = TimeSpan.FromSeconds(60) };
        options.Environment["HOME"] = _home.Path;
        options.Environment["XDG_CONFIG_HOME"] = _home.Combine("xdg");
        options.Environment["FULLDISK_OPENAI_KEY"] = "fulldisk-openai-key-1234567";
        // A private mount namespace: the small tmpfs exists only for this guard and the commands nsenter runs in it.
        options.Wrapper.Add("unshare");
        options.Wrapper.Add("-m");
        options.Wrapper.Add("--propagation");
        options.Wrapper.Add("private");
        options.Wrapper.Add("sh");
        options.Wrapper.Add("-c");
        options.Wrapper.Add($"mount -t tmpfs -o size=2m,mode=0700 tmpfs '{DataDirectory}' && exec \"$@\"");
        options.Wrapper.Add("sh");
        return GuardProcess.Start(["run", "--config", config], options);
    }

    private static Task<ProcessRun> InNamespace(GuardProcess guard, params string[] command) =>
        ProcessRun.RunAsync("nsenter", [$"--mount=/proc/{guard.Id}/ns/mnt", "--", .. command], _ => { }, TimeSpan.FromSeconds(20));

    private async Task<string> ReadOutbox(GuardProcess guard)
    {
        var read = await InNamespace(guard, "sh", "-c", $"cat '{OutboxPath}' 2>/dev/null; exit 0");
        return read.StandardOutput;
    }

    private static async Task WaitForAsync(Func<Task<ProcessRun>> probe, GuardProcess guard, string what) =>
        await WaitForAsync(async () => (await probe()).ExitCode == 0, guard, what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, GuardProcess guard, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !guard.HasExited)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"timed out waiting for {what}; guard output:\n{guard.StandardError}");
    }
}
