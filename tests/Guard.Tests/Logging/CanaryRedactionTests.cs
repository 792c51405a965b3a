using Guard.Configuration;
using Guard.Logging;
using Microsoft.Extensions.Logging;

namespace Guard.Tests.Logging;

/// <summary>Canary secrets configured as keys/secrets never reach the console, the log file or exception text.</summary>
public sealed partial class CanaryRedactionTests : IDisposable
{
    // Canaries that match no built-in pattern prove the configured-value path; the sk- one the pattern path too.
    private const string ModelKey = "CANARY-sk-3f9aQw7Lm2Xp8Rt4Zk1";
    private const string PlainKey = "CANARYq7Wm2Lx9Pt4Rz";
    private const string FeishuSecret = "CANARYfeishuSECRET8h2k";
    private const string FeishuHookToken = "CANARYhook-0f1e2d3c-4b5a";
    private const string TelegramToken = "123456789:CANARYtgTOKENabcdefghijklmnopqrs";

    private static readonly string[] Canaries = [ModelKey, PlainKey, FeishuSecret, FeishuHookToken, TelegramToken, "CANARY"];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "guard-log-tests-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _env = new()
    {
        ["CANARY_MODEL_KEY"] = ModelKey,
        ["CANARY_PLAIN_KEY"] = PlainKey,
        ["CANARY_FEISHU_SECRET"] = FeishuSecret,
        ["CANARY_FEISHU_URL"] = "https://open.feishu.cn/open-apis/bot/v2/hook/" + FeishuHookToken,
        ["CANARY_TG_TOKEN"] = TelegramToken,
    };

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public void CanarySecrets_NeverReachConsoleOrLogFile_SurroundingTextKept()
    {
        var options = new GuardOptions
        {
            DataDirectory = _dataDirectory,
            Logging = new GuardLoggingOptions { ConsoleFormat = ConsoleLogFormat.Journal, MinimumLevel = LogLevel.Debug },
            Models =
            [
                new ModelOptions { Id = "openai/gpt-x", ApiKeyEnv = "CANARY_MODEL_KEY" },
                new ModelOptions { Id = "zhipu/glm-4.7", ApiKeyEnv = "CANARY_PLAIN_KEY" },
            ],
            Alerts = new AlertsOptions
            {
                Channels =
                [
                    new AlertChannelOptions { Name = "owner", Type = AlertChannelType.Feishu, UrlEnv = "CANARY_FEISHU_URL", SecretEnv = "CANARY_FEISHU_SECRET" },
                    new AlertChannelOptions { Name = "tg", Type = AlertChannelType.Telegram, TokenEnv = "CANARY_TG_TOKEN", ChatId = "42" },
                ],
            },
        };
        var redactor = SecretRedactor.FromOptions(options, name => _env.GetValueOrDefault(name));
        var console = new StringWriter();

        using (var factory = GuardLogging.CreateLoggerFactory(options, redactor, includeFile: true, console, _ => "1"))
        {
            var logger = factory.CreateLogger("Guard.Probing.Canary");
            ProviderRejected(logger, "zhipu/glm-4.7", $"invalid api key {PlainKey}, expected another");
            logger.LogInformation("Structured {Key} and {Secret} and {@Raw}", ModelKey, FeishuSecret, new[] { PlainKey, TelegramToken });
            ProbeCrashed(logger, new HttpRequestException($"auth failed for key {PlainKey} / {ModelKey}"), "openai/gpt-x");
            logger.LogWarning("GET https://generativelanguage.example/v1beta/models?key={Key}&alt=json", PlainKey);
            logger.LogWarning("POST {Url} returned 19021", _env["CANARY_FEISHU_URL"]);
            logger.LogDebug("POST https://api.telegram.org/bot{Token}/sendMessage", TelegramToken);
        }

        var text = console.ToString();
        var files = Directory.GetFiles(GuardLogging.LogDirectory(_dataDirectory));
        var file = Assert.Single(files);
        var fileText = File.ReadAllText(file);

        foreach (var canary in Canaries)
        {
            Assert.DoesNotContain(canary, text, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, fileText, StringComparison.Ordinal);
        }

        foreach (var surrounding in new[]
        {
            "Guard.Probing.Canary[1260] Provider for zhipu/glm-4.7 rejected the probe: invalid api key ***, expected another",
            "Structured *** and *** and",
            "Guard.Probing.Canary[1261] Probe of openai/gpt-x crashed System.Net.Http.HttpRequestException: auth failed for key *** / ***",
            "GET https://generativelanguage.example/v1beta/models?key=***&alt=json",
            "POST https://open.feishu.cn/open-apis/bot/v2/hook/*** returned 19021",
            "POST https://api.telegram.org/bot***/sendMessage",
        })
        {
            Assert.Contains(surrounding, text, StringComparison.Ordinal);
        }

        Assert.Equal(6, fileText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"@x\":\"System.Net.Http.HttpRequestException: auth failed for key *** / ***", fileText, StringComparison.Ordinal);
        Assert.Contains("\"ModelId\":\"zhipu/glm-4.7\"", fileText, StringComparison.Ordinal);
    }

    [LoggerMessage(EventId = 1260, Level = LogLevel.Warning, Message = "Provider for {ModelId} rejected the probe: {Error}")]
    private static partial void ProviderRejected(ILogger logger, string modelId, string error);

    [LoggerMessage(EventId = 1261, Level = LogLevel.Error, Message = "Probe of {ModelId} crashed")]
    private static partial void ProbeCrashed(ILogger logger, Exception exception, string modelId);
}
