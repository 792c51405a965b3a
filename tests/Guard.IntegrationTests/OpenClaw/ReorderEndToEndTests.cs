using System.Text.Json;
using Guard.IntegrationTests.Alerts.Emulators;
using Guard.IntegrationTests.Infrastructure;
using Guard.IntegrationTests.Probing;
using Guard.Tests.TestSupport;

namespace Guard.IntegrationTests.OpenClaw;

/// <summary>
/// Reorder = Apply in the real <c>guard run</c>: the chain is read from openclaw.json, which a fake <c>openclaw</c> CLI on
/// PATH (a shell script that records its argv) rewrites on <c>config set</c>, as the real one does; the primary answers
/// 401 on loopback, the fallback is fine.
/// Guard writes the new order with one <c>config set</c>, remembers the owner's order in the state file and tells
/// Feishu. Restoring is covered on a fake clock (ChainReordererTests); RestoreAfter is at least a minute.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReorderEndToEndTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new("guard-reorder-");
    private ScriptedProviderServer _server = null!;
    private FeishuEmulator _feishu = null!;

    private string Calls => _home.Combine("calls.log");

    private string ModelFile => _home.Combine("model.json");

    public async Task InitializeAsync()
    {
        _server = await ScriptedProviderServer.StartAsync();
        var unauthorized = ScriptedResponse.Json(401, """{"error":{"message":"Incorrect API key provided: e2e-prim****0001.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""");
        _server
            .On("GET", "/primary/v1/models", unauthorized)
            .On("POST", "/primary/v1/chat/completions", unauthorized)
            .On("GET", "/backup/v1/models", 200, ProviderBodies.OpenAiModelsList("backup-large"))
            .On("POST", "/backup/v1/chat/completions", 200, ProviderBodies.ChatCompletionLength("backup-large"));
        _feishu = await FeishuEmulator.StartAsync("e2e-reorder-hook");
        File.WriteAllText(ModelFile, """{"primary":"primary/chat-pro","fallbacks":["backup/backup-large"]}""");
        var providers = _home.WriteFile("providers.json", """
            {"mode":"merge","providers":{
              "primary":{"baseUrl":"BASE/primary/v1","api":"openai-completions","apiKey":"e2e-primary-key-0001","models":[{"id":"chat-pro"}]},
              "backup":{"baseUrl":"BASE/backup/v1","api":"openai-completions","apiKey":"e2e-backup-key-0002","models":[{"id":"backup-large"}]}}}
            """.Replace("BASE", _server.BaseUrl, StringComparison.Ordinal));
        var config = _home.Combine(".openclaw", "openclaw.json");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        const string write = """printf '{"agents":{"defaults":{"model":%s}},"models":%s}' "$(cat 'MODEL')" "$(cat 'PROVIDERS')" > 'CONFIG'""";
        ExecutableScript.Write(_home.Combine("bin", "openclaw"), $$$"""
            #!/bin/sh
            echo "$*" >> 'CALLS'
            case "$1 $2 $3" in
              "config get agents.defaults.model") cat 'MODEL' ;;
              "config set agents.defaults.model") printf '%s' "$4" > 'MODEL'; {{{write}}} ;;
              "models status --json") echo '[plugins] none'; echo '{"auth":{"unusableProfiles":[]}}' ;;
              *) echo "Config path not found: $3" >&2; exit 1 ;;
            esac
            """.Replace("CALLS", Calls, StringComparison.Ordinal).Replace("MODEL", ModelFile, StringComparison.Ordinal)
            .Replace("PROVIDERS", providers, StringComparison.Ordinal).Replace("CONFIG", config, StringComparison.Ordinal));
        File.WriteAllText(config, $$$"""{"agents":{"defaults":{"model":{{{File.ReadAllText(ModelFile)}}}}},"models":{{{File.ReadAllText(providers)}}}}""");
    }

    public async Task DisposeAsync()
    {
        await _feishu.DisposeAsync();
        await _server.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task A_down_primary_is_moved_behind_the_healthy_fallback_through_the_cli_and_feishu_is_told()
    {
        var data = _home.Combine("data");
        var config = _home.WriteFile("guard.json", $$"""
            {
              "Guard": {
                "DataDirectory": "{{data}}",
                "Probe": { "Schedule": "*/2 * * * * *", "Timeout": "00:00:02", "FallbackDelay": "00:00:00", "DownAfter": 1 },
                "Recovery": { "Enabled": false },
                "OpenClaw": { "HealthUrl": "", "Reorder": "Apply", "RediscoverEvery": "00:00:05" },
                "Alerts": { "Channels": [ { "Name": "owner", "Type": "Feishu", "Url": "{{_feishu.HookUrl}}" } ] }
              }
            }
            """);
        var options = new GuardProcessOptions();
        options.Environment["HOME"] = _home.Path;
        options.Environment["XDG_CONFIG_HOME"] = _home.Combine("xdg");
        options.Environment["PATH"] = _home.Combine("bin") + ":/usr/bin:/bin";
        foreach (var name in new[] { "OPENCLAW_CONFIG_PATH", "OPENCLAW_STATE_DIR", "OPENCLAW_PROFILE" })
        {
            options.Environment[name] = null;
        }

        const string written = """config set agents.defaults.model {"primary":"backup/backup-large","fallbacks":["primary/chat-pro"]} --json""";
        await using var guard = GuardProcess.Start(["run", "--config", config], options);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(ReadCalls().Contains(written) && Titles().Any(t => t.Contains("ChainReordered", StringComparison.Ordinal))) && DateTime.UtcNow < deadline && !guard.HasExited)
        {
            await Task.Delay(250);
        }

        Assert.True(ReadCalls().Contains(written), $"no reorder written; calls:\n{string.Join('\n', ReadCalls())}\nguard:\n{guard.StandardError}");
        var title = Assert.Single(Titles(), t => t.Contains("ChainReordered", StringComparison.Ordinal));
        Assert.Equal("🔀 模型链顺序已调整 ChainReordered: applied", title);
        Assert.Single(ReadCalls(), c => c.StartsWith("config set", StringComparison.Ordinal));
        Assert.True(ReadCalls().IndexOf("config get agents.defaults.model --json") < ReadCalls().IndexOf(written), "the chain is re-read right before the write");

        guard.Terminate();
        Assert.Equal(0, (await guard.WaitForExitAsync()).ExitCode);
        using var state = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(data, ".api_health_state.json")));
        var reorder = state.RootElement.GetProperty("reorder");
        Assert.Equal(["primary/chat-pro", "backup/backup-large"], reorder.GetProperty("original").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["backup/backup-large", "primary/chat-pro"], reorder.GetProperty("applied").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("e2e-primary-key-0001", guard.StandardOutput + guard.StandardError, StringComparison.Ordinal);
    }

    private List<string> ReadCalls() => File.Exists(Calls) ? [.. File.ReadAllLines(Calls)] : [];

    private List<string> Titles() => _feishu.Requests.Select(r =>
    {
        using var body = JsonDocument.Parse(r.Body);
        return body.RootElement.TryGetProperty("card", out var card)
            ? card.GetProperty("header").GetProperty("title").GetProperty("content").GetString() ?? ""
            : r.Body;
    }).ToList();
}
