using System.Text.RegularExpressions;
using Guard.IntegrationTests.Infrastructure;

namespace Guard.IntegrationTests.Configuration;

/// <summary>
/// The real executable with a bad configuration: every command exits 78 naming the key, prints no
/// stack trace, and writes nothing.
/// </summary>
public sealed partial class InvalidConfigurationTests
{
    private static readonly string[] Commands = ["check-config", "status", "run"];

    /// <summary>Bad <c>Guard</c> sections for the --config file, and the key each must name.</summary>
    public static TheoryData<string, string> BadConfigFiles => new()
    {
        { """{"Probe":{"Timeout":"fifteen"}}""", "Guard:Probe:Timeout" },
        { """{"Probe":{"DownAfter":0}}""", "Guard:Probe:DownAfter" },
        { """{"Probe":{"MaxConcurrency":1000}}""", "Guard:Probe:MaxConcurrency" },
        { """{"Probe":{"Schedule":"0 */30 * * * * *"}}""", "Guard:Probe:Schedule" },
        { """{"Probe":{"Schedul":"*/30 * * * * *"}}""", "Guard:Probe:Schedul" },
        { """{"Quota":{"WarnPercent":95,"CriticalPercent":80}}""", "Guard:Quota:CriticalPercent" },
        { """{"Quota":{"Budgets":{"zhipu/glm-4.7":{"Window":"1.00:00:00"}}}}""", "Guard:Quota:Budgets:zhipu/glm-4.7" },
        { """{"Models":[{"Id":"zhipu/glm-4.7"},{"Id":"zhipu/glm-4.7"}]}""", "Guard:Models:1:Id" },
        { """{"Models":[{"Id":"zhipu/glm-4.7","BaseUrl":"ftp://open.bigmodel.cn"}]}""", "Guard:Models:0:BaseUrl" },
        { """{"Models":[{"Id":"zhipu/glm-4.7","Api":"openai"}]}""", "Guard:Models:0:Api" },
        { """{"Models":[{"Id":"zhipu/glm-4.7","ApiKeyEnv":"ZHIPU-KEY"}]}""", "Guard:Models:0:ApiKeyEnv" },
        { """{"Models":[{"Id":"zhipu/glm-4.7","Tiers":[]}]}""", "Guard:Models:0:Tiers" },
        { """{"Recovery":{"Bus":"Session"}}""", "Guard:Recovery:Bus" },
        { """{"OpenClaw":{"HealthUrl":"localhost:18789/healthz"}}""", "Guard:OpenClaw:HealthUrl" },
        { """{"OpenClaw":{"Unit":"openclaw gateway"}}""", "Guard:OpenClaw:Unit" },
        { """{"Alerts":{"Channels":[{"Name":"tg","Type":"Telegram","ChatId":"42"}]}}""", "Guard:Alerts:Channels:0:TokenEnv" },
        { """{"Alerts":{"Channels":[{"Name":"owner","Type":"Feishu"}]}}""", "Guard:Alerts:Channels:0:Url" },
        { """{"Alerts":{"Channels":[{"Name":"a","Type":"Webhook","UrlEnv":"A"},{"Name":"a","Type":"Webhook","UrlEnv":"B"}]}}""", "Guard:Alerts:Channels:1:Name" },
        { """{"Logging":{"MinimumLevel":"Verbose"}}""", "Guard:Logging:MinimumLevel" },
        { """{"DataDirectory":""}""", "Guard:DataDirectory" },
    };

    [Theory]
    [MemberData(nameof(BadConfigFiles))]
    public async Task Bad_config_file_stops_every_command_with_78(string guardSection, string expectedKey)
    {
        using var sandbox = new Sandbox();
        var config = sandbox.WriteInput("bad.json", "{\"Guard\":" + guardSection + "}");

        await sandbox.AssertEveryCommandRejects(["--config", config], expectedKey);
    }

    [Fact]
    public async Task Environment_override_is_validated_like_a_file()
    {
        using var sandbox = new Sandbox();
        sandbox.Options.Environment["Guard__Probe__DownAfter"] = "0";

        await sandbox.AssertEveryCommandRejects([], "Guard:Probe:DownAfter = '0'");
    }

    [Fact]
    public async Task Missing_config_file_is_a_configuration_error()
    {
        using var sandbox = new Sandbox();
        var missing = sandbox.Root.Combine("input", "nowhere.json");

        await sandbox.AssertEveryCommandRejects(["--config", missing], missing);
    }

    [Fact]
    public async Task Malformed_json_names_the_file()
    {
        using var sandbox = new Sandbox();
        var config = sandbox.WriteInput("broken.json", """{ "Guard": { "Probe": { "DownAfter": 3 """);

        await sandbox.AssertEveryCommandRejects(["--config", config], config);
    }

    [Fact]
    public async Task Valid_config_passes_check_config_without_writing()
    {
        using var sandbox = new Sandbox();
        var config = sandbox.WriteInput("good.json", """{"Guard":{"Models":[{"Id":"zhipu/glm-4.7"}]}}""");

        var result = await GuardProcess.RunAsync(["check-config", "--config", config], sandbox.Options);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("zhipu/glm-4.7", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(sandbox.DataDirectory, result.StandardOutput, StringComparison.Ordinal);
        sandbox.AssertNothingWritten();
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("check-config", "--no-such-option")]
    public async Task Usage_error_exits_64(params string[] arguments)
    {
        using var sandbox = new Sandbox();

        var result = await GuardProcess.RunAsync(arguments, sandbox.Options);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains(arguments[^1], result.StandardError, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Version_exits_0_with_a_version()
    {
        using var sandbox = new Sandbox();

        var result = await GuardProcess.RunAsync(["--version"], sandbox.Options);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(SemanticVersion(), result.StandardOutput.Trim());
    }

    private static void AssertNoStackTrace(GuardProcessResult result)
    {
        var all = result.StandardOutput + result.StandardError;
        Assert.False(all.Contains("   at ", StringComparison.Ordinal), "stack trace printed:\n" + result);
        Assert.False(all.Contains("Exception", StringComparison.Ordinal), "exception printed:\n" + result);
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$")]
    private static partial Regex SemanticVersion();

    /// <summary>
    /// Private HOME, XDG_CONFIG_HOME and a data directory that does not exist yet; the user config file
    /// points Guard:DataDirectory there so a case's own value still wins over it.
    /// </summary>
    private sealed class Sandbox : IDisposable
    {
        private IReadOnlyList<string> _initialEntries;

        public Sandbox()
        {
            Directory.CreateDirectory(Root.Combine("home"));
            DataDirectory = Root.Combine("data", "workspace");
            Root.WriteFile("xdg/guard/appsettings.json", "{\"Guard\":{\"DataDirectory\":\"" + DataDirectory + "\"}}");
            Options.Environment["HOME"] = Root.Combine("home");
            Options.Environment["XDG_CONFIG_HOME"] = Root.Combine("xdg");
            Options.Timeout = TimeSpan.FromSeconds(60);
            _initialEntries = Root.Entries();
        }

        public TempDirectory Root { get; } = new();

        public string DataDirectory { get; }

        public GuardProcessOptions Options { get; } = new();

        /// <summary>Writes a file the test supplies (not something Guard wrote) and returns its path.</summary>
        public string WriteInput(string name, string content)
        {
            var path = Root.WriteFile(Path.Combine("input", name), content);
            _initialEntries = Root.Entries();
            return path;
        }

        public async Task AssertEveryCommandRejects(string[] extraArguments, string expectedInStderr)
        {
            var results = await Task.WhenAll(Commands.Select(c => GuardProcess.RunAsync([c, .. extraArguments], Options)));
            for (var i = 0; i < Commands.Length; i++)
            {
                var result = results[i];
                Assert.True(result.ExitCode == 78, $"guard {Commands[i]}: expected exit 78\n{result}");
                Assert.True(
                    result.StandardError.Contains(expectedInStderr, StringComparison.Ordinal),
                    $"guard {Commands[i]}: stderr does not name '{expectedInStderr}'\n{result}");
                Assert.Contains("invalid configuration", result.StandardError, StringComparison.Ordinal);
                AssertNoStackTrace(result);
            }

            AssertNothingWritten();
        }

        public void AssertNothingWritten()
        {
            Assert.False(Directory.Exists(DataDirectory), $"{DataDirectory} was created");
            Assert.Equal(_initialEntries, Root.Entries());
        }

        public void Dispose() => Root.Dispose();
    }
}
