using System.Text;
using Guard.Configuration;
using Microsoft.Extensions.Configuration;

namespace Guard.Tests.Configuration;

public sealed class GuardOptionsLoaderTests
{
    /// <summary>Each bad configuration and the key path its problem must name.</summary>
    public static TheoryData<string, string, string> BadConfigurations => new()
    {
        { "bad TimeSpan", """{"Guard":{"Probe":{"Timeout":"fifteen seconds"}}}""", "Guard:Probe:Timeout" },
        { "TimeSpan above range", """{"Guard":{"Probe":{"Timeout":"00:20:00"}}}""", "Guard:Probe:Timeout" },
        { "TimeSpan below range", """{"Guard":{"Recovery":{"RestartWindow":"00:00:30"}}}""", "Guard:Recovery:RestartWindow" },
        { "int below range", """{"Guard":{"Probe":{"DownAfter":0}}}""", "Guard:Probe:DownAfter" },
        { "int above range", """{"Guard":{"Probe":{"MaxConcurrency":1000}}}""", "Guard:Probe:MaxConcurrency" },
        { "int not a number", """{"Guard":{"Recovery":{"AllFailedRounds":"three"}}}""", "Guard:Recovery:AllFailedRounds" },
        { "bool not a bool", """{"Guard":{"Recovery":{"Enabled":"yes please"}}}""", "Guard:Recovery:Enabled" },
        { "Critical equal to Warn", """{"Guard":{"Quota":{"WarnPercent":90,"CriticalPercent":90}}}""", "Guard:Quota:CriticalPercent" },
        { "Critical below Warn", """{"Guard":{"Quota":{"WarnPercent":90,"CriticalPercent":85}}}""", "Guard:Quota:CriticalPercent" },
        { "cron with 7 fields", """{"Guard":{"Probe":{"Schedule":"0 */30 * * * * *"}}}""", "Guard:Probe:Schedule" },
        { "cron that is prose", """{"Guard":{"Probe":{"Schedule":"every minute"}}}""", "Guard:Probe:Schedule" },
        { "cron empty", """{"Guard":{"Probe":{"Schedule":""}}}""", "Guard:Probe:Schedule" },
        { "duplicate model ids", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7"},{"Id":"ZHIPU/glm-4.7"}]}}""", "Guard:Models:1:Id" },
        { "model id without provider", """{"Guard":{"Models":[{"Id":"glm-4.7"}]}}""", "Guard:Models:0:Id" },
        { "model without id", """{"Guard":{"Models":[{"Api":"openai-completions"}]}}""", "Guard:Models:0:Id" },
        { "non-http BaseUrl", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","BaseUrl":"ftp://open.bigmodel.cn/api"}]}}""", "Guard:Models:0:BaseUrl" },
        { "relative BaseUrl", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","BaseUrl":"/api/paas/v4"}]}}""", "Guard:Models:0:BaseUrl" },
        { "unknown Api", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","Api":"openai"}]}}""", "Guard:Models:0:Api" },
        { "bad key variable name", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","ApiKeyEnv":"ZHIPU-KEY"}]}}""", "Guard:Models:0:ApiKeyEnv" },
        { "bad tier", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","Tiers":["Shallow"]}]}}""", "Guard:Models:0:Tiers:0" },
        { "model timeout zero", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","Timeout":"00:00:00"}]}}""", "Guard:Models:0:Timeout" },
        { "typo at the root", """{"Guard":{"DataDir":"/srv/guard"}}""", "Guard:DataDir" },
        { "typo in a section", """{"Guard":{"Probe":{"Schedul":"*/30 * * * * *"}}}""", "Guard:Probe:Schedul" },
        { "typo in a model", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","ApiKey":"not-a-real-key"}]}}""", "Guard:Models:0:ApiKey" },
        { "typo in a budget", """{"Guard":{"Quota":{"Budgets":{"zhipu/glm-4.7":{"Tokens":5}}}}}""", "Guard:Quota:Budgets:zhipu/glm-4.7:Tokens" },
        { "bad enum", """{"Guard":{"Recovery":{"Bus":"Session"}}}""", "Guard:Recovery:Bus" },
        { "bad log level", """{"Guard":{"Logging":{"MinimumLevel":"Verbose"}}}""", "Guard:Logging:MinimumLevel" },
        { "retained files zero", """{"Guard":{"Logging":{"RetainedFileCount":0}}}""", "Guard:Logging:RetainedFileCount" },
        { "Telegram without TokenEnv", """{"Guard":{"Alerts":{"Channels":[{"Name":"tg","Type":"Telegram","ChatId":"42"}]}}}""", "Guard:Alerts:Channels:0:TokenEnv" },
        { "Feishu without Url", """{"Guard":{"Alerts":{"Channels":[{"Name":"owner","Type":"Feishu","SecretEnv":"FEISHU_BOT_SECRET"}]}}}""", "Guard:Alerts:Channels:0:Url" },
        { "Command without Command", """{"Guard":{"Alerts":{"Channels":[{"Name":"sms","Type":"Command"}]}}}""", "Guard:Alerts:Channels:0:Command" },
        { "channel without Type", """{"Guard":{"Alerts":{"Channels":[{"Name":"owner","UrlEnv":"HOOK_URL"}]}}}""", "Guard:Alerts:Channels:0:Type" },
        { "unknown channel type", """{"Guard":{"Alerts":{"Channels":[{"Name":"owner","Type":"Slack","UrlEnv":"HOOK_URL"}]}}}""", "Guard:Alerts:Channels:0:Type" },
        { "channel name with a space", """{"Guard":{"Alerts":{"Channels":[{"Name":"the owner","Type":"Webhook","UrlEnv":"HOOK_URL"}]}}}""", "Guard:Alerts:Channels:0:Name" },
        { "non-http channel Url", """{"Guard":{"Alerts":{"Channels":[{"Name":"owner","Type":"Webhook","Url":"mailto:owner@example.com"}]}}}""", "Guard:Alerts:Channels:0:Url" },
        { "bad SecretEnv name", """{"Guard":{"Alerts":{"Channels":[{"Name":"owner","Type":"Feishu","UrlEnv":"HOOK_URL","SecretEnv":"1SECRET"}]}}}""", "Guard:Alerts:Channels:0:SecretEnv" },
        {
            "duplicate channel names",
            """{"Guard":{"Alerts":{"Channels":[{"Name":"owner","Type":"Webhook","UrlEnv":"A"},{"Name":"Owner","Type":"Webhook","UrlEnv":"B"}]}}}""",
            "Guard:Alerts:Channels:1:Name"
        },
        { "OpenClaw without Target", """{"Guard":{"Alerts":{"Channels":[{"Name":"chat","Type":"OpenClaw","Channel":"telegram","Target":" "}]}}}""", "Guard:Alerts:Channels:0:Target" },
        { "OpenClaw without Channel", """{"Guard":{"Alerts":{"Channels":[{"Name":"chat","Type":"OpenClaw","Target":"12345"}]}}}""", "Guard:Alerts:Channels:0:Channel" },
        {
            "OpenClaw with an unknown Fallback",
            """{"Guard":{"Alerts":{"Channels":[{"Name":"chat","Type":"OpenClaw","Channel":"telegram","Target":"1","Fallback":"hoook"},{"Name":"hook","Type":"Webhook","UrlEnv":"A"}]}}}""",
            "Guard:Alerts:Channels:0:Fallback"
        },
        {
            "OpenClaw whose Fallback is OpenClaw",
            """{"Guard":{"Alerts":{"Channels":[{"Name":"chat","Type":"OpenClaw","Channel":"telegram","Target":"1","Fallback":"chat2"},{"Name":"chat2","Type":"OpenClaw","Channel":"feishu","Target":"ou_1"}]}}}""",
            "Guard:Alerts:Channels:0:Fallback"
        },
        { "Fallback on a webhook", """{"Guard":{"Alerts":{"Channels":[{"Name":"hook","Type":"Webhook","UrlEnv":"A","Fallback":"x"}]}}}""", "Guard:Alerts:Channels:0:Fallback" },
        { "budget without limits", """{"Guard":{"Quota":{"Budgets":{"zhipu/glm-4.7":{"Window":"1.00:00:00"}}}}}""", "Guard:Quota:Budgets:zhipu/glm-4.7" },
        { "budget with zero tokens", """{"Guard":{"Quota":{"Budgets":{"zhipu/glm-4.7":{"TokensPerWindow":0}}}}}""", "Guard:Quota:Budgets:zhipu/glm-4.7:TokensPerWindow" },
        { "budget window too long", """{"Guard":{"Quota":{"Budgets":{"moonshot/kimi-k2.5":{"RequestsPerWindow":100,"Window":"40.00:00:00"}}}}}""", "Guard:Quota:Budgets:moonshot/kimi-k2.5:Window" },
        { "HealthUrl without scheme", """{"Guard":{"OpenClaw":{"HealthUrl":"localhost:18789/healthz"}}}""", "Guard:OpenClaw:HealthUrl" },
        { "Unit name with a space", """{"Guard":{"OpenClaw":{"Unit":"openclaw gateway.service"}}}""", "Guard:OpenClaw:Unit" },
        { "Unit that is not a service", """{"Guard":{"OpenClaw":{"Unit":"openclaw-gateway.timer"}}}""", "Guard:OpenClaw:Unit" },
        { "empty DataDirectory", """{"Guard":{"DataDirectory":""}}""", "Guard:DataDirectory" },
        { "empty ConfigPath", """{"Guard":{"OpenClaw":{"ConfigPath":""}}}""", "Guard:OpenClaw:ConfigPath" },
        { "Tiers empty", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","Tiers":[]}]}}""", "Guard:Models:0:Tiers" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void Bad_configuration_is_rejected_naming_the_key(string because, string json, string expectedPath)
    {
        var result = Load(json);

        Assert.False(result.IsValid, $"{because}: expected a problem at {expectedPath}");
        Assert.Null(result.Options);
        Assert.True(
            result.Problems.Any(p => string.Equals(p.Path, expectedPath, StringComparison.Ordinal)),
            $"{because}: no problem at {expectedPath}; got: {string.Join(" | ", result.Problems)}");
    }

    [Fact]
    public void Unknown_key_does_not_echo_its_value()
    {
        // A misspelt key may well hold a secret (ApiKey instead of ApiKeyEnv).
        var result = Load("""{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","ApiKey":"sk-very-secret"}]}}""");

        Assert.DoesNotContain(result.Problems, p => p.ToString().Contains("sk-very-secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Channel_url_is_never_echoed()
    {
        var result = Load("""{"Guard":{"Alerts":{"Channels":[{"Name":"owner","Type":"Webhook","Url":"ftp://hooks.example/secret-token"}]}}}""");

        var problem = Assert.Single(result.Problems);
        Assert.DoesNotContain("secret-token", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_value_in_one_file_is_reported()
    {
        var result = Load("""{"Guard":{"Probe":{"DownAfter":0,"MaxConcurrency":0},"Quota":{"WarnPercent":99},"OpenClaw":{"Unit":"x"}}}""");

        Assert.Equal(
            ["Guard:OpenClaw:Unit", "Guard:Probe:DownAfter", "Guard:Probe:MaxConcurrency", "Guard:Quota:CriticalPercent"],
            result.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("*/30 * * * * *")]
    [InlineData("0 */2 * * * *")]
    [InlineData("*/5 * * * *")]
    [InlineData("0 * * * *")]
    public void Five_and_six_field_cron_schedules_are_valid(string schedule)
    {
        var result = Load("""{"Guard":{"Probe":{"Schedule":"VALUE"}}}""".Replace("VALUE", schedule, StringComparison.Ordinal));

        Assert.True(result.IsValid, string.Join(" | ", result.Problems));
        Assert.Equal(schedule, result.Options!.Probe.Schedule);
    }

    [Fact]
    public void Empty_configuration_loads_with_the_code_defaults()
    {
        var result = Load("{}");

        Assert.True(result.IsValid, string.Join(" | ", result.Problems));
        var o = result.Options!;
        Assert.Equal(Home + "/.openclaw/workspace", o.DataDirectory);
        Assert.Equal("*/30 * * * * *", o.Probe.Schedule);
        Assert.Equal(TimeSpan.FromSeconds(15), o.Probe.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(30), o.Probe.DeepEvery);
        Assert.Equal(TimeSpan.FromSeconds(5), o.Probe.FallbackDelay);
        Assert.Equal(3, o.Probe.DownAfter);
        Assert.Equal(8, o.Probe.MaxConcurrency);
        Assert.Empty(o.Models);
        Assert.True(o.OpenClaw.Discover);
        Assert.Equal(Home + "/.openclaw/openclaw.json", o.OpenClaw.ConfigPath);
        Assert.Equal("openclaw-gateway.service", o.OpenClaw.Unit);
        Assert.Equal("http://127.0.0.1:18789/healthz", o.OpenClaw.HealthUrl);
        Assert.Equal("/tmp/openclaw", o.OpenClaw.LogDirectory);
        Assert.Equal(Home + "/.openclaw/agents", o.OpenClaw.AgentsDirectory);
        Assert.True(o.Recovery.Enabled);
        Assert.Equal(3, o.Recovery.AllFailedRounds);
        Assert.Equal(3, o.Recovery.MaxRestarts);
        Assert.Equal(TimeSpan.FromHours(1), o.Recovery.RestartWindow);
        Assert.Equal(TimeSpan.FromMinutes(1), o.Recovery.VerifyTimeout);
        Assert.Equal(BusKind.User, o.Recovery.Bus);
        Assert.Equal(80, o.Quota.WarnPercent);
        Assert.Equal(95, o.Quota.CriticalPercent);
        Assert.Empty(o.Quota.Budgets);
        Assert.Empty(o.Alerts.Channels);
        Assert.Equal(14, o.Logging.RetainedFileCount);
    }

    [Fact]
    public void Design_example_loads_as_written()
    {
        // The configuration block of design.md, with the elided Feishu URL made concrete.
        const string json = """
        {
          "Guard": {
            "DataDirectory": "~/.openclaw/workspace",
            "Probe":    { "Schedule": "*/30 * * * * *", "Timeout": "00:00:15", "DeepEvery": "00:30:00",
                          "FallbackDelay": "00:00:05", "DownAfter": 3, "MaxConcurrency": 8 },
            "Models":   [ { "Id": "zhipu/glm-4.7", "Api": "openai-completions",
                            "BaseUrl": "https://open.bigmodel.cn/api/paas/v4", "Model": "glm-4.7",
                            "ApiKeyEnv": "ZHIPU_API_KEY" } ],
            "OpenClaw": { "Discover": true, "ConfigPath": "~/.openclaw/openclaw.json",
                          "Unit": "openclaw-gateway.service", "HealthUrl": "http://127.0.0.1:18789/healthz",
                          "LogDirectory": "/tmp/openclaw", "AgentsDirectory": "~/.openclaw/agents" },
            "Recovery": { "Enabled": true, "AllFailedRounds": 3, "MaxRestarts": 3, "RestartWindow": "01:00:00",
                          "VerifyTimeout": "00:01:00", "Bus": "user" },
            "Quota":    { "WarnPercent": 80, "CriticalPercent": 95, "LeadTime": "00:30:00",
                          "Budgets": { "zhipu/glm-4.7": { "TokensPerWindow": 5000000, "Window": "1.00:00:00" } } },
            "Alerts":   { "RepeatEvery": "01:00:00",
                          "Channels": [ { "Name": "owner", "Type": "Feishu", "Url": "https://open.feishu.cn/open-apis/bot/v2/hook/x", "SecretEnv": "FEISHU_BOT_SECRET" } ] }
          }
        }
        """;

        var result = Load(json);

        Assert.True(result.IsValid, string.Join(" | ", result.Problems));
        var o = result.Options!;
        var model = Assert.Single(o.Models);
        Assert.Equal("zhipu/glm-4.7", model.Id);
        Assert.Equal("ZHIPU_API_KEY", model.ApiKeyEnv);
        Assert.Equal([ProbeTier.Reach, ProbeTier.Deep], model.Tiers);
        Assert.Equal(BusKind.User, o.Recovery.Bus);
        var budget = Assert.Single(o.Quota.Budgets);
        Assert.Equal("zhipu/glm-4.7", budget.Key);
        Assert.Equal(5_000_000, budget.Value.TokensPerWindow);
        Assert.Equal(TimeSpan.FromDays(1), budget.Value.Window);
        var channel = Assert.Single(o.Alerts.Channels);
        Assert.Equal(AlertChannelType.Feishu, channel.Type);
        Assert.Equal(Home + "/.openclaw/workspace", o.DataDirectory);
    }

    [Fact]
    public void Configured_tiers_replace_the_default_tiers()
    {
        var result = Load("""{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","Tiers":["Reach"]}]}}""");

        Assert.True(result.IsValid, string.Join(" | ", result.Problems));
        Assert.Equal([ProbeTier.Reach], Assert.Single(result.Options!.Models).Tiers);
    }

    [Theory]
    [InlineData("~/guard-data", "{HOME}/guard-data")]
    [InlineData("~", "{HOME}")]
    [InlineData("$HOME/.openclaw/workspace", "{HOME}/.openclaw/workspace")]
    [InlineData("${HOME}/x", "{HOME}/x")]
    [InlineData("$GUARD_TEST_STATE_ROOT/guard", "/var/lib/owner/guard")]
    [InlineData("${GUARD_TEST_STATE_ROOT}/guard", "/var/lib/owner/guard")]
    [InlineData("/srv/guard/~not-home", "/srv/guard/~not-home")]
    [InlineData("/srv/$GUARD_TEST_UNSET_VARIABLE/x", "/srv//x")]
    public void DataDirectory_expands_home_and_variables(string configured, string expected)
    {
        // A variable only this test uses: setting it cannot disturb tests running in parallel.
        Environment.SetEnvironmentVariable("GUARD_TEST_STATE_ROOT", "/var/lib/owner");

        var result = Load("""{"Guard":{"DataDirectory":"VALUE"}}""".Replace("VALUE", configured, StringComparison.Ordinal));

        Assert.True(result.IsValid, string.Join(" | ", result.Problems));
        Assert.Equal(expected.Replace("{HOME}", Home, StringComparison.Ordinal), result.Options!.DataDirectory);
    }

    private static string Home => Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home
        ? home
        : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private static GuardOptionsLoadResult Load(string json) =>
        GuardOptionsLoader.Load(new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            .Build());
}
