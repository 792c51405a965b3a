using Guard.IntegrationTests.Infrastructure;

namespace Guard.IntegrationTests.Configuration;

/// <summary>
/// A real <c>guard run</c> whose --config file is edited, truncated, broken and deleted while it runs: each bad state
/// is one warning naming the file (and line/column for JSON), never a fall-back to the built-in defaults; a valid
/// edit afterwards is applied.
/// </summary>
public sealed class LiveConfigEditTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private string Config(int downAfter, string extraProbe = "") => $$"""
        {
          "Guard": {
            "DataDirectory": "{{_root.Combine("data")}}",
            "Probe": { "Schedule": "*/5 * * * * *", "Timeout": "00:00:02", "DownAfter": {{downAfter}}{{extraProbe}} },
            "Recovery": { "Enabled": false },
            "OpenClaw": { "Discover": false, "HealthUrl": "", "WatchLog": false },
            "Models": [ { "Id": "openai/gpt-4o-mini", "BaseUrl": "http://127.0.0.1:9/v1", "ApiKeyEnv": "LIVE_EDIT_KEY" } ]
          }
        }
        """;

    [Fact]
    public async Task Bad_live_edits_keep_the_last_good_configuration_and_a_good_one_is_applied()
    {
        var path = _root.WriteFile("guard.json", Config(3));
        var options = new GuardProcessOptions { Timeout = TimeSpan.FromSeconds(120) };
        options.Environment["HOME"] = _root.Combine("home");
        options.Environment["XDG_CONFIG_HOME"] = _root.Combine("xdg");
        options.Environment["LIVE_EDIT_KEY"] = "live-edit-key-123456";
        options.Environment["OPENCLAW_STATE_DIR"] = _root.Combine("openclaw");

        await using var guard = GuardProcess.Start(["run", "--config", path], options);
        Assert.True(await guard.WaitForOutputAsync((_, e) => e.Contains("logging: console", StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
            "guard did not start\n" + guard.StandardError);

        // Truncated mid-write: a JSON error naming the file, line and column.
        await WriteAtomically(path, Config(4)[..60]);
        await Expect(guard, e => Has(e, "8403", path) && e.Contains("line ", StringComparison.Ordinal) && e.Contains("column ", StringComparison.Ordinal), "truncated edit");

        // Invalid JSON on line 4 (the Probe line).
        await WriteAtomically(path, Config(4).Replace("\"DownAfter\": 4", "\"DownAfter\": four", StringComparison.Ordinal));
        await Expect(guard, e => Has(e, "8403", path) && e.Contains("line 4, column", StringComparison.Ordinal), "invalid edit");

        // Valid JSON, a schedule that never fires: rejected naming the key.
        await WriteAtomically(path, Config(4, ", \"Schedule\": \"0 0 30 2 *\"").Replace("\"Schedule\": \"*/5 * * * * *\", ", "", StringComparison.Ordinal));
        await Expect(guard, e => e.Contains("Configuration change rejected", StringComparison.Ordinal) && e.Contains("Guard:Probe:Schedule", StringComparison.Ordinal), "never-firing schedule");

        // Deleted: kept, said so.
        File.Delete(path);
        await Expect(guard, e => Has(e, "8401", path), "deleted file");
        Assert.DoesNotContain("Configuration reloaded", guard.StandardError, StringComparison.Ordinal);

        // Back and valid: applied.
        await WriteAtomically(path, Config(5));
        await Expect(guard, e => e.Contains("Configuration reloaded", StringComparison.Ordinal), "valid edit");
        Assert.False(guard.HasExited, guard.StandardError);

        guard.Terminate();
        var result = await guard.WaitForExitAsync();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    private static bool Has(string stderr, string eventId, string path) =>
        stderr.Split('\n').Any(l => l.Contains(path, StringComparison.Ordinal) && (l.Contains(eventId, StringComparison.Ordinal) || l.Contains("keeping the last good", StringComparison.Ordinal)));

    private static async Task Expect(GuardProcess guard, Func<string, bool> condition, string what) =>
        Assert.True(await guard.WaitForOutputAsync((_, e) => condition(e), TimeSpan.FromSeconds(20)), $"{what}: no log line\n{guard.StandardError}");

    /// <summary>Write then rename, as editors do, so the watcher sees the final content in one event.</summary>
    private static async Task WriteAtomically(string path, string content)
    {
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, content);
        File.Move(temp, path, overwrite: true);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
    }
}
