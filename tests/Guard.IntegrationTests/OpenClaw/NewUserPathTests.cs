using System.Text.Json;
using Guard.IntegrationTests.Infrastructure;
using Guard.IntegrationTests.Probing;

namespace Guard.IntegrationTests.OpenClaw;

/// <summary>
/// Issue #7 "done when", first half, as a new user would try it: only an OpenClaw home (JSON5 openclaw.json with
/// comments, unquoted keys, trailing commas and <c>${VAR}</c>; <c>~/.openclaw/.env</c>; auth-profiles.json), no Guard
/// model configuration. <c>guard check-config</c> lists the discovered chain with key sources, and <c>guard probe</c>
/// probes it against providers on loopback, with the discovered keys.
/// </summary>
public sealed class NewUserPathTests : IAsyncLifetime
{
    private const string DotEnvKey = "sk-zhipu-from-dotenv-4f1c2a9e";
    private const string ProfileKey = "sk-kimi-from-profile-77d0b3c1";

    private readonly TempDirectory _home = new("guard-newuser-");
    private ScriptedProviderServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedProviderServer.StartAsync();
        _server
            .On("GET", "/zhipu/v4/models", 200, ProviderBodies.OpenAiModelsList("glm-4.7"))
            .On("POST", "/zhipu/v4/chat/completions", 200, ProviderBodies.ChatCompletionLength("glm-4.7"))
            .On("GET", "/kimi/v1/models", 200, ProviderBodies.OpenAiModelsList("kimi-k2.5"))
            .On("GET", "/kimi/v1/users/me/balance", 200, ProviderBodies.MoonshotBalance(49.58894m))
            .On("POST", "/kimi/v1/chat/completions", 200, ProviderBodies.ChatCompletionLength("kimi-k2.5"));
        _home.WriteFile(".openclaw/openclaw.json", $$"""
            // written by `openclaw onboard`, then edited by hand
            {
              agents: {
                defaults: {
                  model: { primary: "zhipu/glm-4.7", fallbacks: ['moonshot/kimi-k2.5',], },  // kimi as backup
                },
                list: [{ id: "main", default: true, },],
              },
              models: {
                mode: "merge",
                providers: {
                  zhipu: {
                    baseUrl: "{{_server.BaseUrl}}/zhipu/v4",
                    apiKey: "${ZHIPU_API_KEY}",
                    api: "openai-completions",
                    models: [{ id: "glm-4.7", name: "GLM 4.7", contextWindow: 128000, },],
                  },
                  moonshot: { baseUrl: '{{_server.BaseUrl}}/kimi/v1', api: "openai-completions", models: [{ id: "kimi-k2.5" }] },
                },
              },
              gateway: { port: 18789, bind: "loopback", },
            }
            """);
        _home.WriteFile(".openclaw/.env", $"# keys for the gateway\nZHIPU_API_KEY={DotEnvKey}\n");
        _home.WriteFile(".openclaw/agents/main/agent/auth-profiles.json", $$$$"""
            {"version":1,"profiles":{"moonshot:default":{"type":"api_key","provider":"moonshot","key":"{{{{ProfileKey}}}}"}}}
            """);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    private GuardProcessOptions Options()
    {
        var options = new GuardProcessOptions { Timeout = TimeSpan.FromSeconds(60) };
        options.Environment["HOME"] = _home.Path;
        options.Environment["XDG_CONFIG_HOME"] = _home.Combine("xdg"); // no ~/.config/guard/appsettings.json
        options.Environment["ZHIPU_API_KEY"] = null;
        options.Environment["MOONSHOT_API_KEY"] = null;
        options.Environment["KIMI_API_KEY"] = null;
        foreach (var name in new[] { "OPENCLAW_CONFIG_PATH", "OPENCLAW_STATE_DIR", "OPENCLAW_PROFILE" })
        {
            options.Environment[name] = null;
        }

        options.Environment["PATH"] = "/usr/bin:/bin"; // no openclaw CLI: the JSON5 file itself is read
        return options;
    }

    [Fact]
    public async Task CheckConfig_lists_the_discovered_chain_with_key_sources()
    {
        var result = await GuardProcess.RunAsync(["check-config"], Options());

        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.StandardOutput;
        Assert.Contains($"OpenClaw discovery via file {_home.Combine(".openclaw", "openclaw.json")} (JSON5)", output, StringComparison.Ordinal);
        Assert.Contains("chain      zhipu/glm-4.7 → moonshot/kimi-k2.5", output, StringComparison.Ordinal);
        var zhipu = Section(output, "1. zhipu/glm-4.7");
        Assert.Contains("agents.defaults.model.primary", zhipu, StringComparison.Ordinal);
        Assert.Contains($"base {_server.BaseUrl}/zhipu/v4", zhipu, StringComparison.Ordinal);
        Assert.Matches(@"key from .*\.env.*: set", zhipu);
        var kimi = Section(output, "2. moonshot/kimi-k2.5");
        Assert.Contains("agents.defaults.model.fallbacks[0]", kimi, StringComparison.Ordinal);
        Assert.Matches(@"key from .*moonshot:default.*: set", kimi);
        Assert.DoesNotContain(DotEnvKey, output + result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(ProfileKey, output + result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("problem", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_probes_the_discovered_chain_on_loopback_with_the_discovered_keys()
    {
        var result = await GuardProcess.RunAsync(["probe", "--json", "--deep"], Options());

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["zhipu/glm-4.7", "moonshot/kimi-k2.5"], rows.Select(r => r.GetProperty("model").GetString()).Distinct());
        Assert.All(rows, r => Assert.True(r.GetProperty("ok").GetBoolean(), r.ToString()));
        var requests = _server.Requests;
        Assert.Contains(requests, r => r.Path == "/zhipu/v4/chat/completions" && r.Header("Authorization") == $"Bearer {DotEnvKey}");
        Assert.Contains(requests, r => r.Path == "/kimi/v1/chat/completions" && r.Header("Authorization") == $"Bearer {ProfileKey}");
        Assert.DoesNotContain(DotEnvKey, result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reorder_Apply_without_a_cli_exits_78_naming_the_key()
    {
        var config = _home.WriteFile("apply.json", """{ "Guard": { "OpenClaw": { "Reorder": "Apply", "Cli": "" } } }""");

        var result = await GuardProcess.RunAsync(["check-config", "--config", config], Options());

        Assert.True(result.ExitCode == 78, result.ToString());
        Assert.Contains("Guard:OpenClaw:Reorder", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>The lines of one model in check-config's "Models" list.</summary>
    private static string Section(string output, string header)
    {
        var start = output.IndexOf(header, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{header}' not in:\n{output}");
        var next = output.IndexOf("\n  ", output.IndexOf("\n       key from", start, StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        return output[start..(next < 0 ? output.Length : next)];
    }
}
