using System.Text.RegularExpressions;
using Guard.IntegrationTests.Alerts.Emulators;
using Guard.IntegrationTests.Infrastructure;

namespace Guard.IntegrationTests.Cli;

/// <summary><c>guard test-alert</c> end to end: the real executable against the channel emulators.</summary>
public sealed class TestAlertCommandTests : IAsyncLifetime
{
    private const string FeishuToken = "0c9e8d7f-test-alert-feishu-token";
    private const string FeishuSecret = "test-alert-feishu-secret-31337";
    private const string TelegramToken = "6000000001:AAtest-alert-telegram-token-xyzabc";
    private const string HookSecret = "test-alert-hook-secret-2718";
    private readonly TempDirectory _root = new();
    private readonly GuardProcessOptions _options = new() { Timeout = TimeSpan.FromSeconds(60) };
    private FeishuEmulator _feishu = null!;
    private TelegramEmulator _telegram = null!;
    private WebhookReceiver _hooks = null!;

    public async Task InitializeAsync()
    {
        _feishu = await FeishuEmulator.StartAsync(FeishuToken, FeishuSecret);
        _telegram = await TelegramEmulator.StartAsync(TelegramToken, "4242");
        _hooks = await WebhookReceiver.StartAsync(HookSecret);
        Directory.CreateDirectory(_root.Combine("home"));
        _options.Environment["HOME"] = _root.Combine("home");
        _options.Environment["XDG_CONFIG_HOME"] = _root.Combine("xdg");
        _options.Environment["FEISHU_URL"] = _feishu.HookUrl;
        _options.Environment["FEISHU_SECRET"] = FeishuSecret;
        _options.Environment["TG_TOKEN"] = TelegramToken;
        _options.Environment["HOOK_SECRET"] = HookSecret;
    }

    public async Task DisposeAsync()
    {
        await _feishu.DisposeAsync();
        await _telegram.DisposeAsync();
        await _hooks.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task Every_channel_delivers_a_marked_test_message_and_exit_is_0()
    {
        var config = Config(ThreeChannels);

        var result = await GuardProcess.RunAsync(["test-alert", "--config", config], _options);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(DeliveredLine("owner", "Feishu"), lines[0]);
        Assert.Matches(DeliveredLine("phone", "Telegram"), lines[1]);
        Assert.Matches(DeliveredLine("hooks", "Webhook"), lines[2]);
        Assert.Equal("3 of 3 channels delivered the test message.", lines[3]);

        var card = Assert.Single(_feishu.Requests).Json().GetProperty("card");
        var title = card.GetProperty("header").GetProperty("title").GetProperty("content").GetString()!;
        Assert.StartsWith("[TEST] 【测试】", title, StringComparison.Ordinal);
        var text = card.GetProperty("elements")[0].GetProperty("content").GetString()!;
        Assert.Contains($"on host {Environment.MachineName}", text, StringComparison.Ordinal);
        Assert.Contains(config, text, StringComparison.Ordinal);
        Assert.Contains("[TEST]", Assert.Single(_telegram.Requests).Json().GetProperty("text").GetString(), StringComparison.Ordinal);
        var alert = Assert.Single(_hooks.Requests).Json().GetProperty("alerts")[0];
        Assert.Equal("true", alert.GetProperty("labels").GetProperty("test").GetString());
        Assert.Equal("GuardTest", alert.GetProperty("labels").GetProperty("alertname").GetString());
    }

    [Fact]
    public async Task Wrong_Feishu_secret_prints_the_channels_own_error_and_exit_is_1()
    {
        _options.Environment["FEISHU_SECRET"] = "a-secret-feishu-does-not-know";

        var result = await GuardProcess.RunAsync(["test-alert", "--config", Config(ThreeChannels)], _options);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("owner (Feishu): FAILED — signature rejected: check SecretEnv and the clock (NTP) [code 19021]\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(DeliveredLine("phone", "Telegram"), result.StandardOutput);
        Assert.Contains("2 of 3 channels delivered", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("a-secret-feishu-does-not-know", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(FeishuToken, result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Channel_option_sends_through_that_channel_only()
    {
        var result = await GuardProcess.RunAsync(["test-alert", "--config", Config(ThreeChannels), "--channel", "phone"], _options);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(_telegram.Requests);
        Assert.Empty(_feishu.Requests);
        Assert.Empty(_hooks.Requests);
        Assert.Contains("1 of 1 channel delivered", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_channel_is_a_usage_error_listing_the_names()
    {
        var result = await GuardProcess.RunAsync(["test-alert", "--config", Config(ThreeChannels), "--channel", "pager"], _options);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains("no alert channel 'pager'; configured: owner, phone, hooks", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(_feishu.Requests);
    }

    [Fact]
    public async Task Unset_url_variable_is_reported_per_channel()
    {
        _options.Environment["FEISHU_URL"] = null;

        var result = await GuardProcess.RunAsync(["test-alert", "--config", Config(ThreeChannels)], _options);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("owner (Feishu): FAILED — UrlEnv names $FEISHU_URL, which is not set or empty\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_channels_explains_how_to_add_one()
    {
        var result = await GuardProcess.RunAsync(["test-alert", "--config", Config("[]")], _options);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("no alert channels configured", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\"Type\": \"Feishu\"", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_channel_configuration_exits_78()
    {
        var config = Config("""[ { "Name": "ops", "Type": "DingTalk", "Url": "https://oapi.dingtalk.com/robot/send?access_token=x", "Format": "Card" } ]""");

        var result = await GuardProcess.RunAsync(["test-alert", "--config", config], _options);

        Assert.True(result.ExitCode == 78, result.ToString());
        Assert.Contains("Guard:Alerts:Channels:0:Format", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_format_value_names_the_choices()
    {
        var config = Config("""[ { "Name": "owner", "Type": "Feishu", "Url": "https://open.feishu.cn/open-apis/bot/v2/hook/x", "Format": "Cardd" } ]""");

        var result = await GuardProcess.RunAsync(["test-alert", "--config", config], _options);

        Assert.True(result.ExitCode == 78, result.ToString());
        Assert.Contains("Guard:Alerts:Channels:0:Format = 'Cardd': must be Card, Markdown or Text", result.StandardError, StringComparison.Ordinal);
    }

    private string ThreeChannels => $$"""
        [
          { "Name": "owner", "Type": "Feishu", "UrlEnv": "FEISHU_URL", "SecretEnv": "FEISHU_SECRET" },
          { "Name": "phone", "Type": "Telegram", "Url": "{{_telegram.BaseAddress}}", "TokenEnv": "TG_TOKEN", "ChatId": "4242" },
          { "Name": "hooks", "Type": "Webhook", "Url": "{{_hooks.Url}}", "SecretEnv": "HOOK_SECRET" }
        ]
        """;

    private string Config(string channels) =>
        _root.WriteFile("guard.json", $$"""
            { "Guard": { "DataDirectory": "{{_root.Combine("data")}}", "Alerts": { "Channels": {{channels}} } } }
            """);

    private static Regex DeliveredLine(string name, string type) => new($@"(^|\n){name} \({type}\): delivered in \d+ ms(\n|$)");
}
