using System.Text;
using Guard.Configuration;
using Microsoft.Extensions.Configuration;

namespace Guard.Tests.Configuration;

/// <summary>Issue 14's configurations that used to load: each is rejected naming its key, secrets never echoed.</summary>
public sealed class StrictConfigurationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("guard-strict-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string, string, string> Cases => new()
    {
        { "cron that never fires", """{"Guard":{"Probe":{"Schedule":"0 0 30 2 *"}}}""", "Guard:Probe:Schedule" },
        { "6-field cron that never fires", """{"Guard":{"Probe":{"Schedule":"0 0 0 31 4 *"}}}""", "Guard:Probe:Schedule" },
        { "Models as an object", """{"Guard":{"Models":{"Id":"zhipu/glm-4.7"}}}""", "Guard:Models" },
        { "Models as a string", """{"Guard":{"Models":"zhipu/glm-4.7"}}""", "Guard:Models" },
        { "Channels as an object", """{"Guard":{"Alerts":{"Channels":{"Name":"a","Type":"Webhook"}}}}""", "Guard:Alerts:Channels" },
        { "Tiers as a string", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","Tiers":"Reach"}]}}""", "Guard:Models:0:Tiers" },
        { "Probe as a list", """{"Guard":{"Probe":[1,2]}}""", "Guard:Probe" },
        { "bare number for a time span", """{"Guard":{"Probe":{"Timeout":30}}}""", "Guard:Probe:Timeout" },
        { "bare number for a model timeout", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","Timeout":"15"}]}}""", "Guard:Models:0:Timeout" },
        { "bare number for a budget window", """{"Guard":{"Quota":{"Budgets":{"zhipu/glm-4.7":{"TokensPerWindow":5,"Window":1}}}}}""", "Guard:Quota:Budgets:zhipu/glm-4.7:Window" },
        { "bare decimal for a time span", """{"Guard":{"Recovery":{"MinSpacing":"1.5"}}}""", "Guard:Recovery:MinSpacing" },
        { "keys under a time span", """{"Guard":{"Probe":{"Timeout":{"Seconds":30}}}}""", "Guard:Probe:Timeout" },
        { "keys under a string", """{"Guard":{"DataDirectory":{"Path":"/srv/guard"}}}""", "Guard:DataDirectory" },
        { "keys under a bool", """{"Guard":{"Recovery":{"Enabled":{"value":false}}}}""", "Guard:Recovery:Enabled" },
        { "object inside Headers", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","Headers":{"X-Trace":{"on":true}}}]}}""", "Guard:Models:0:Headers:X-Trace" },
        { "Headers as a list", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","Headers":["X-Trace: 1"]}]}}""", "Guard:Models:0:Headers" },
        { "Guard as a string", """{"Guard":"yes"}""", "Guard" },
        { "Guard as a list", """{"Guard":[1]}""", "Guard" },
        { "ids differing by trailing space", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7"},{"Id":"zhipu/glm-4.7 "}]}}""", "Guard:Models:1:Id" },
        { "ids differing by case", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7"},{"Id":"Zhipu/GLM-4.7"}]}}""", "Guard:Models:1:Id" },
        { "BaseUrl with credentials", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","BaseUrl":"https://owner:hunter2-secret@open.bigmodel.cn/api"}]}}""", "Guard:Models:0:BaseUrl" },
        { "HealthUrl with credentials", """{"Guard":{"OpenClaw":{"HealthUrl":"http://admin:hunter2-secret@127.0.0.1:18789/healthz"}}}""", "Guard:OpenClaw:HealthUrl" },
        { "channel Url with credentials", """{"Guard":{"Alerts":{"Channels":[{"Name":"hook","Type":"Webhook","Url":"https://u:hunter2-secret@hooks.example/x"}]}}}""", "Guard:Alerts:Channels:0:Url" },
        { "header value with CR/LF", "{\"Guard\":{\"Models\":[{\"Id\":\"zhipu/glm-4.7\",\"Headers\":{\"X-Trace\":\"1\\r\\nAuthorization: Bearer hunter2-secret\"}}]}}", "Guard:Models:0:Headers:X-Trace" },
        { "header name with a space", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","Headers":{"X Trace":"1"}}]}}""", "Guard:Models:0:Headers:X Trace" },
        { "inline Authorization header", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7","Headers":{"Authorization":"Bearer hunter2-secret"}}]}}""", "Guard:Models:0:Headers:Authorization" },
        { "inline x-api-key header", """{"Guard":{"Models":[{"Id":"anthropic/claude-sonnet-4-5","Headers":{"X-Api-Key":"hunter2-secret"}}]}}""", "Guard:Models:0:Headers:X-Api-Key" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rejected_naming_the_key_without_echoing_secrets(string because, string json, string expectedPath)
    {
        var result = Load(json);

        Assert.False(result.IsValid, $"{because}: loaded");
        Assert.True(
            result.Problems.Any(p => string.Equals(p.Path, expectedPath, StringComparison.Ordinal)),
            $"{because}: no problem at {expectedPath}; got: {string.Join(" | ", result.Problems)}");
        Assert.DoesNotContain(result.Problems, p => p.ToString().Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bare_number_time_span_names_the_expected_format()
    {
        var problem = Assert.Single(Load("""{"Guard":{"Probe":{"Timeout":30}}}""").Problems);

        Assert.Contains("hh:mm:ss", problem.Message, StringComparison.Ordinal);
        Assert.Contains("00:00:30", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 29 2 *")]
    [InlineData("0 0 1 1 *")]
    public void Rare_but_real_schedules_pass(string schedule)
    {
        var result = Load("""{"Guard":{"Probe":{"Schedule":"VALUE"}}}""".Replace("VALUE", schedule, StringComparison.Ordinal));

        Assert.True(result.IsValid, string.Join(" | ", result.Problems));
    }

    [Fact]
    public void Documented_shapes_still_load()
    {
        var result = Load("""
            {"Guard":{"Models":[{"Id":"anthropic/claude-sonnet-4-5","Headers":{"anthropic-beta":"x"},"Tiers":["Reach"],"Timeout":"00:00:20"}],
              "Recovery":{"RestartOnKind":{"QuotaExhausted":false}},
              "Alerts":{"Channels":[{"Name":"sms","Type":"Command","Command":"/bin/true","Arguments":["-x"]}],"Templates":{"ChainDark":{"Title":"t"}}},
              "Quota":{"CriticalCommand":"/bin/true","CriticalArguments":["a"],"Budgets":{"zhipu/glm-4.7":{"TokensPerWindow":5,"Window":"1.00:00:00"}}}}}
            """);

        Assert.True(result.IsValid, string.Join(" | ", result.Problems));
    }

    [Fact]
    public void Unset_channel_variables_are_errors_when_the_command_sends()
    {
        const string json = """
            {"Guard":{"Alerts":{"Channels":[
              {"Name":"owner","Type":"Feishu","UrlEnv":"STRICT_T_URL","SecretEnv":"STRICT_T_SECRET"},
              {"Name":"tg","Type":"Telegram","TokenEnv":"STRICT_T_TOKEN","ChatId":"1"}]}}}
            """;
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["STRICT_T_URL"] = "not a url hunter2" };

        var result = Load(json, n => env.GetValueOrDefault(n));

        Assert.Equal(
            ["Guard:Alerts:Channels:0:SecretEnv", "Guard:Alerts:Channels:0:UrlEnv", "Guard:Alerts:Channels:1:TokenEnv"],
            result.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(result.Problems, p => p.ToString().Contains("hunter2", StringComparison.Ordinal));
        Assert.True(Load(json).IsValid, "without an environment lookup (status, probe) the channels are not checked");
    }

    [Fact]
    public void Set_channel_variables_pass()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["STRICT_T_URL"] = "https://open.feishu.cn/open-apis/bot/v2/hook/x", ["STRICT_T_SECRET"] = "s",
        };

        var result = Load("""{"Guard":{"Alerts":{"Channels":[{"Name":"owner","Type":"Feishu","UrlEnv":"STRICT_T_URL","SecretEnv":"STRICT_T_SECRET"}]}}}""", n => env.GetValueOrDefault(n));

        Assert.True(result.IsValid, string.Join(" | ", result.Problems));
    }

    [Fact]
    public void A_data_directory_that_is_a_file_is_rejected()
    {
        var file = Path.Combine(_root, "data");
        File.WriteAllText(file, "x");

        var result = Load("""{"Guard":{"DataDirectory":"VALUE"}}""".Replace("VALUE", file, StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("Guard:DataDirectory", problem.Path);
        Assert.Contains("file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_error_names_line_and_column_but_not_an_unquoted_token()
    {
        var file = Path.Combine(_root, "broken.json");
        File.WriteAllText(file, "{\"Guard\":{\n \"Probe\": {\"DownAfter\": nvapi-hunter2-secret}}}");

        var (configuration, problems) = GuardConfigurationBuilder.Build(file, reloadOnChange: false, baseDirectory: _root);

        Assert.Null(configuration);
        var problem = Assert.Single(problems);
        Assert.Contains($"{file}, line 2, column ", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem.ToString(), StringComparison.Ordinal);
    }

    private static GuardOptionsLoadResult Load(string json, Func<string, string?>? getEnv = null) =>
        GuardOptionsLoader.Load(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build(), getEnv);
}
