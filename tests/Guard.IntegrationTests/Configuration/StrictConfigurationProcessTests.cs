using Guard.IntegrationTests.Infrastructure;

namespace Guard.IntegrationTests.Configuration;

/// <summary>
/// Issue 14's bad configurations against the real executable: <c>guard check-config</c> and <c>guard run</c> exit 78
/// naming the key, print no credential, and leave the data directory untouched.
/// </summary>
public sealed class StrictConfigurationProcessTests : IDisposable
{
    private const string Secret = "hunter2-strict-secret";
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    /// <summary>The Guard section of the --config file, and the key the error must name.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { """{"Probe":{"Schedule":"0 0 30 2 *"}}""", "Guard:Probe:Schedule" },
        { """{"Models":{"Id":"zhipu/glm-4.7"}}""", "Guard:Models" },
        { """{"Probe":{"Timeout":30}}""", "Guard:Probe:Timeout" },
        { """{"Probe":{"Timeout":{"Seconds":30}}}""", "Guard:Probe:Timeout" },
        { """{"Models":[{"Id":"zhipu/glm-4.7","Headers":{"X-Trace":{"on":true}}}]}""", "Guard:Models:0:Headers:X-Trace" },
        { "\"yes\"", "Guard" },
        { """{"Models":[{"Id":"zhipu/glm-4.7"},{"Id":"zhipu/glm-4.7 "}]}""", "Guard:Models:1:Id" },
        { """{"Models":[{"Id":"zhipu/glm-4.7","BaseUrl":"https://owner:@@SECRET@@@open.bigmodel.cn/api"}]}""", "Guard:Models:0:BaseUrl" },
        { """{"Models":[{"Id":"zhipu/glm-4.7","Headers":{"X-Trace":"1\r\nAuthorization: Bearer @@SECRET@@"}}]}""", "Guard:Models:0:Headers:X-Trace" },
        { """{"Models":[{"Id":"zhipu/glm-4.7","Headers":{"Authorization":"Bearer @@SECRET@@"}}]}""", "Guard:Models:0:Headers:Authorization" },
        { """{"Alerts":{"Channels":[{"Name":"owner","Type":"Feishu","UrlEnv":"STRICT_P_UNSET_URL"}]}}""", "Guard:Alerts:Channels:0:UrlEnv" },
        { """{"Alerts":{"Channels":[{"Name":"owner","Type":"Feishu","UrlEnv":"STRICT_P_URL","SecretEnv":"STRICT_P_UNSET_SECRET"}]}}""", "Guard:Alerts:Channels:0:SecretEnv" },
        { """{"Alerts":{"Channels":[{"Name":"tg","Type":"Telegram","TokenEnv":"STRICT_P_UNSET_TOKEN","ChatId":"1"}]}}""", "Guard:Alerts:Channels:0:TokenEnv" },
        { """{"Alerts":{"Channels":[{"Name":"hook","Type":"Webhook","UrlEnv":"STRICT_P_NOT_A_URL"}]}}""", "Guard:Alerts:Channels:0:UrlEnv" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Check_config_and_run_exit_78_naming_the_key(string guardSection, string expectedKey)
    {
        var data = _root.Combine("data", "workspace");
        var section = guardSection.Replace("@@SECRET@@", Secret, StringComparison.Ordinal);
        var json = section.StartsWith('{')
            ? "{\"Guard\":{\"DataDirectory\":\"" + data + "\"," + section[1..] + "}"
            : "{\"Guard\":" + section + "}";
        var config = _root.WriteFile($"input/{Guid.NewGuid():N}.json", json);
        var options = Options();

        foreach (var command in new[] { "check-config", "run" })
        {
            var result = await GuardProcess.RunAsync([command, "--config", config], options);

            Assert.True(result.ExitCode == 78, $"guard {command}: expected 78\n{result}");
            Assert.True(result.StandardError.Contains(expectedKey, StringComparison.Ordinal), $"guard {command}: '{expectedKey}' not named\n{result}");
            Assert.DoesNotContain(Secret, result.StandardOutput + result.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(data), "the data directory was created");
    }

    [Fact]
    public async Task A_data_directory_that_is_a_file_exits_78_in_check_config_and_run()
    {
        var file = _root.WriteFile("data-file", "not a directory");
        var config = _root.WriteFile("input/file.json", "{\"Guard\":{\"DataDirectory\":\"" + file + "\"}}");

        foreach (var command in new[] { "check-config", "run" })
        {
            var result = await GuardProcess.RunAsync([command, "--config", config], Options());

            Assert.True(result.ExitCode == 78, $"guard {command}: expected 78\n{result}");
            Assert.Contains("Guard:DataDirectory", result.StandardError, StringComparison.Ordinal);
        }

        Assert.Equal("not a directory", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Channel_variables_that_are_set_pass_check_config()
    {
        var config = _root.WriteFile("input/ok.json", """{"Guard":{"DataDirectory":"DATA","Alerts":{"Channels":[{"Name":"owner","Type":"Feishu","UrlEnv":"STRICT_P_URL","SecretEnv":"STRICT_P_SECRET"}]}}}"""
            .Replace("DATA", _root.Combine("data"), StringComparison.Ordinal));
        var options = Options();
        options.Environment["STRICT_P_SECRET"] = Secret;

        var result = await GuardProcess.RunAsync(["check-config", "--config", config], options);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(Secret, result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    private GuardProcessOptions Options()
    {
        var options = new GuardProcessOptions { Timeout = TimeSpan.FromSeconds(60) };
        options.Environment["HOME"] = _root.Combine("home");
        options.Environment["XDG_CONFIG_HOME"] = _root.Combine("xdg");
        options.Environment["OPENCLAW_STATE_DIR"] = _root.Combine("openclaw");
        options.Environment["STRICT_P_URL"] = "https://open.feishu.cn/open-apis/bot/v2/hook/" + Secret;
        options.Environment["STRICT_P_NOT_A_URL"] = "just-a-token-" + Secret;
        return options;
    }
}
