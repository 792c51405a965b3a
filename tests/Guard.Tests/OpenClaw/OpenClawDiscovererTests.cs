using Guard.Configuration;
using Guard.OpenClaw.Discovery;

namespace Guard.Tests.OpenClaw;

public sealed class OpenClawDiscovererTests : IDisposable
{
    private const string ProfileKey = "AIza-profile-secret-0123456789";
    private const string DotEnvKey = "zhipu-dotenv-secret-456789";
    private const string ConfigEnvKey = "nvapi-config-secret-123456";
    private readonly OpenClawHome _home = new();

    public void Dispose() => _home.Dispose();

    private const string SeedConfig = """
        // the seed workspace, JSON5
        {
          agents: {
            defaults: {
              model: { primary: "google/gemini-3-flash-preview",
                       fallbacks: ["zhipu/glm-4.7", 'nvidia/moonshotai/kimi-k2.5', "google-antigravity/gemini-3-flash",], },
              models: { "anthropic/claude-opus-4-5": { alias: "opus" } },
            },
            list: [ { id: "main", default: true }, { id: "coder", model: "opus" } ],
          },
          models: { mode: "merge", providers: { zhipu: {
            baseUrl: "https://open.bigmodel.cn/api/paas/v4", apiKey: "${ZHIPU_API_KEY}", api: "openai-completions",
            models: [{ id: "glm-4.7", contextWindow: 128000 }] } } },
          env: { vars: { NVIDIA_API_KEY: "nvapi-config-secret-123456" } },
        }
        """;

    private async Task<OpenClawDiscoveryResult> DiscoverAsync(OpenClawOptions? options = null) =>
        await new OpenClawDiscoverer(_home.GetEnv).DiscoverAsync(options ?? _home.Options(), CancellationToken.None);

    private void WriteSeed()
    {
        _home.Config(SeedConfig);
        _home.Write(".openclaw/.env", $"# keys\nexport ZHIPU_API_KEY=\"{DotEnvKey}\"\n");
        _home.Profiles("main", $$$"""
            {"version":1,"profiles":{
              "google:default":{"type":"api_key","provider":"google","key":"{{{ProfileKey}}}"},
              "anthropic:me@example.com":{"type":"oauth","provider":"anthropic","access":"x","refresh":"y","expires":1} } }
            """);
    }

    [Fact]
    public async Task Finds_chain_in_order_with_object_string_alias_and_per_agent_forms()
    {
        WriteSeed();

        var result = await DiscoverAsync();

        Assert.Equal(
            ["google/gemini-3-flash-preview", "zhipu/glm-4.7", "nvidia/moonshotai/kimi-k2.5", "google-antigravity/gemini-3-flash", "anthropic/claude-opus-4-5"],
            result.Models.Select(m => m.Id));
        Assert.Equal("agents.defaults.model.primary", result.Models[0].Origin);
        Assert.Equal("agents.defaults.model.fallbacks[1]", result.Models[2].Origin);
        Assert.Equal("agents[coder].model", result.Models[4].Origin);
        Assert.Equal("moonshotai/kimi-k2.5", result.Models[2].Model); // split on the first slash
        Assert.Contains("OAuth", result.Models[3].NotProbedBecause, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Probeable, m => m.Provider == "google-antigravity");
    }

    [Fact]
    public async Task Maps_bundled_and_custom_providers()
    {
        WriteSeed();

        var result = await DiscoverAsync();

        var google = result.Models[0];
        Assert.Equal((ApiKinds.GoogleGenerativeAi, "https://generativelanguage.googleapis.com/v1beta"), (google.Api, google.BaseUrl));
        var zhipu = result.Models[1];
        Assert.Equal((ApiKinds.OpenAiCompletions, "https://open.bigmodel.cn/api/paas/v4"), (zhipu.Api, zhipu.BaseUrl));
        var nvidia = result.Models[2];
        Assert.Equal("https://integrate.api.nvidia.com/v1", nvidia.BaseUrl);
    }

    [Fact]
    public async Task Keys_come_from_profiles_dotenv_and_config_env_and_say_where()
    {
        WriteSeed();

        var result = await DiscoverAsync();

        var google = result.Models[0];
        Assert.True(google.KeyFound);
        Assert.StartsWith("auth profile google:default in ", google.KeyOrigin, StringComparison.Ordinal);
        Assert.Equal(ProfileKey, result.GetKey(google.KeyName));
        Assert.Equal("ZHIPU_API_KEY", result.Models[1].KeyName);
        Assert.Equal($"$ZHIPU_API_KEY ({Path.Combine(_home.StateDirectory, ".env")})", result.Models[1].KeyOrigin);
        Assert.Equal(DotEnvKey, result.GetKey("ZHIPU_API_KEY"));
        Assert.Equal("$NVIDIA_API_KEY (openclaw.json env)", result.Models[2].KeyOrigin);
        Assert.False(result.Models[4].KeyFound); // anthropic has only an OAuth profile
        Assert.StartsWith("not found", result.Models[4].KeyOrigin, StringComparison.Ordinal);
        Assert.Contains(ProfileKey, result.Secrets);
        Assert.Contains(DotEnvKey, result.Secrets);
        Assert.Contains(ConfigEnvKey, result.Secrets);
    }

    [Fact]
    public async Task Process_environment_wins_over_dotenv()
    {
        WriteSeed();
        _home.Env["ZHIPU_API_KEY"] = "from-the-process-env-0000";

        var result = await DiscoverAsync();

        Assert.Equal("$ZHIPU_API_KEY (Guard's environment)", result.Models[1].KeyOrigin);
        Assert.Equal("from-the-process-env-0000", result.GetKey("ZHIPU_API_KEY"));
    }

    [Fact]
    public async Task Key_values_never_appear_in_printable_text()
    {
        WriteSeed();
        var result = await DiscoverAsync();
        var output = new StringWriter();

        OpenClawDiscoveryPrinter.Print(output, result);
        var printed = output + result.ToString() + string.Join("\n", result.Models.Select(m => m.ToString())) + string.Join("\n", result.Problems);

        Assert.DoesNotContain(ProfileKey, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(DotEnvKey, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(ConfigEnvKey, printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inline_key_and_key_ref_profiles()
    {
        _home.Config("""
            { agents: { defaults: { model: { primary: "acme/big", fallbacks: ["openai/gpt-5"] } } },
              models: { providers: { acme: { baseUrl: "http://127.0.0.1:9/v1/", apiKey: "inline-acme-key-123" } } } }
            """);
        _home.Profiles("main", """{"profiles":{"openai:default":{"type":"api_key","provider":"openai","keyRef":{"source":"env","id":"MY_OPENAI"}}}}""");
        _home.Env["MY_OPENAI"] = "sk-from-keyref-000000";

        var result = await DiscoverAsync();

        var acme = result.Models[0];
        Assert.Equal((ApiKinds.OpenAiCompletions, "http://127.0.0.1:9/v1"), (acme.Api, acme.BaseUrl)); // baseUrl without api = openai-completions
        Assert.Equal("inline-acme-key-123", result.GetKey(acme.KeyName));
        Assert.Contains("inline", acme.KeyOrigin, StringComparison.Ordinal);
        Assert.Equal("sk-from-keyref-000000", result.GetKey(result.Models[1].KeyName));
        Assert.Contains("auth profile openai:default keyRef", result.Models[1].KeyOrigin, StringComparison.Ordinal);
        Assert.Contains("→ $MY_OPENAI (Guard's environment)", result.Models[1].KeyOrigin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Include_and_env_references_in_urls_are_resolved()
    {
        _home.Write(".openclaw/models.json5", "{ providers: { local: { baseUrl: '${LOCAL_URL}/v1', api: 'ollama', }, }, }");
        _home.Config("""{ agents: { defaults: { model: "local/qwen3" } }, models: { "$include": "./models.json5", mode: "merge" } }""");
        _home.Env["LOCAL_URL"] = "http://127.0.0.1:11434";

        var result = await DiscoverAsync();

        var local = Assert.Single(result.Models);
        Assert.Equal("http://127.0.0.1:11434/v1", local.BaseUrl);
        Assert.Equal(ApiKinds.OpenAiCompletions, local.Api);
    }

    [Fact]
    public async Task Missing_variable_and_bad_json5_are_reported_not_thrown()
    {
        _home.Config("{ agents: { defaults: { model: 'x/y' } }, models: { providers: { x: { baseUrl: '${NOPE_URL}' } } } }");
        var missing = await DiscoverAsync();
        Assert.Contains(missing.Problems, p => p.Contains("${NOPE_URL}", StringComparison.Ordinal));

        _home.Config("{ agents: { defaults: { model: oops } } }");
        var broken = await DiscoverAsync();
        Assert.Empty(broken.Models);
        Assert.Contains(broken.Problems, p => p.Contains("line 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Newer_entries_map_is_read_too()
    {
        _home.Config("{ agents: { defaults: { model: 'openai/gpt-5' }, entries: { main: { default: true, model: { primary: 'deepseek/deepseek-chat' } } } } }");

        var result = await DiscoverAsync();

        Assert.Equal(["openai/gpt-5", "deepseek/deepseek-chat"], result.Models.Select(m => m.Id));
        Assert.Equal("agents[main].model.primary", result.Models[1].Origin);
    }

    [Fact]
    public void Paths_follow_env_and_profile_while_guard_keys_are_default()
    {
        var defaults = OpenClawPaths.Resolve(_home.Options(), _home.GetEnv);
        Assert.Equal(Path.Combine(_home.StateDirectory, "openclaw.json"), defaults.ConfigPath);
        Assert.Equal("openclaw-", defaults.LogFilePrefix);

        _home.Env["OPENCLAW_PROFILE"] = "work";
        var profile = OpenClawPaths.Resolve(_home.Options(), _home.GetEnv);
        Assert.Equal(Path.Combine(_home.Home, ".openclaw-work", "openclaw.json"), profile.ConfigPath);
        Assert.Equal(Path.Combine(_home.Home, ".openclaw-work", "agents"), profile.AgentsDirectory);
        Assert.Equal("openclaw-work-", profile.LogFilePrefix);
        Assert.Equal(Path.Combine(_home.Home, ".openclaw", "workspace-work"), profile.DefaultWorkspace(_home.GetEnv));

        _home.Env["OPENCLAW_STATE_DIR"] = "/srv/oc";
        Assert.Equal("/srv/oc/openclaw.json", OpenClawPaths.Resolve(_home.Options(), _home.GetEnv).ConfigPath);

        _home.Env["OPENCLAW_CONFIG_PATH"] = "/etc/oc.json";
        var fromEnv = OpenClawPaths.Resolve(_home.Options(), _home.GetEnv);
        Assert.Equal(("/etc/oc.json", "$OPENCLAW_CONFIG_PATH"), (fromEnv.ConfigPath, fromEnv.ConfigPathOrigin));

        var explicitPath = OpenClawPaths.Resolve(_home.Options(o => o.ConfigPath = "/opt/x.json"), _home.GetEnv);
        Assert.Equal(("/opt/x.json", "Guard:OpenClaw:ConfigPath"), (explicitPath.ConfigPath, explicitPath.ConfigPathOrigin));
    }

    [Fact]
    public void Profile_names_the_unit_unless_the_unit_is_set()
    {
        Assert.Equal("openclaw-gateway.service", new OpenClawOptions().Unit);
        Assert.Equal("openclaw-gateway-work.service", new OpenClawOptions { Profile = "work" }.Unit);
        Assert.Equal("openclaw-gateway.service", new OpenClawOptions { Profile = "default" }.Unit);
        Assert.Equal("custom.service", new OpenClawOptions { Profile = "work", Unit = "custom.service" }.Unit);
    }

    [Fact]
    public async Task Stamp_changes_when_a_watched_file_changes()
    {
        WriteSeed();
        var first = await DiscoverAsync();

        _home.Write(".openclaw/.env", "ZHIPU_API_KEY=rotated-key-0000000000\n");

        Assert.NotEqual(first.Stamp, OpenClawDiscoverer.Stamp(first.Paths));
    }
}
