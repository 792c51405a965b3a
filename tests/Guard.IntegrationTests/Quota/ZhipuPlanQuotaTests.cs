using Guard.Chain;
using Guard.Configuration;
using Guard.IntegrationTests.Probing;
using Guard.Probing;
using Guard.Probing.Keys;
using Guard.Quota;
using Guard.Quota.Reported;
using Guard.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guard.IntegrationTests.Quota;

/// <summary>
/// The GLM Coding Plan quota endpoint polled by the quota check itself (services as <c>guard run</c> wires them),
/// against a loopback server speaking Zhipu's reply shape; bad replies are classified and leave no reading.
/// </summary>
public sealed class ZhipuPlanQuotaTests : IAsyncLifetime
{
    private const string KeyEnv = "ZHIPU_PLAN_TEST_KEY";
    private const string Key = "zp-canary-5c0ffee.Yq81";
    private const string PlanPath = "/api/monitor/usage/quota/limit";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "guard-zhipu-plan-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingLoggerProvider _logs = new();
    private ScriptedProviderServer _server = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _server = await ScriptedProviderServer.StartAsync();
        var options = new GuardOptions
        {
            DataDirectory = _data,
            OpenClaw = { Discover = false },
            Quota = { ReadTranscripts = false },
            Models =
            [
                new ModelOptions { Id = "zai/glm-4.7", Api = ApiKinds.OpenAiCompletions, BaseUrl = _server.BaseUrl + "/api/coding/paas/v4", Model = "glm-4.7", ApiKeyEnv = KeyEnv },
                new ModelOptions { Id = "zai/glm-4.5-air", Api = ApiKinds.OpenAiCompletions, BaseUrl = _server.BaseUrl + "/api/coding/paas/v4", Model = "glm-4.5-air", ApiKeyEnv = KeyEnv },

                // The general (pay-as-you-go) endpoint has no plan quota: never polled.
                new ModelOptions { Id = "zhipu/glm-4.6", Api = ApiKinds.OpenAiCompletions, BaseUrl = _server.BaseUrl + "/api/paas/v4", Model = "glm-4.6", ApiKeyEnv = KeyEnv },
            ],
        };
        var services = new ServiceCollection();
        GuardComposition.Compose(services, new CompositionRequest(options, new ModelChain(), GuardFeatures.State | GuardFeatures.Probing | GuardFeatures.Quota)
        {
            Configuration = new ConfigurationBuilder().Build(),
            Overrides =
            [
                ServiceDescriptor.Singleton<IApiKeySource>(new StaticKeys()),
                ServiceDescriptor.Singleton(LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug))),
            ],
        });
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Plan_percentage_becomes_a_zhipu_plan_reading_for_every_model_on_the_plan()
    {
        var reset = DateTimeOffset.UtcNow.AddHours(3);
        _server.On("GET", PlanPath, 200, $$"""
            {"code":200,"msg":"操作成功","data":{"limits":[
             {"type":"TIME_LIMIT","unit":5,"number":1,"usage":100,"currentValue":3,"remaining":97,"percentage":3,"usageDetails":[]},
             {"type":"TOKENS_LIMIT","unit":3,"number":5,"usage":40000000,"currentValue":25200000,"remaining":14800000,"percentage":63,"nextResetTime":{{reset.ToUnixTimeMilliseconds()}}},
             {"type":"TOKENS_LIMIT","unit":6,"number":1,"usage":300000000,"currentValue":30000000,"remaining":270000000,"percentage":10,"nextResetTime":{{reset.AddDays(5).ToUnixTimeMilliseconds()}}}],
             "level":"pro"},"success":true}
            """);

        var quotas = await _services.GetRequiredService<QuotaCheck>().RunCycleAsync(CancellationToken.None);

        var request = Assert.Single(_server.RequestsTo("GET", PlanPath));
        Assert.Equal("Bearer " + Key, request.Header("Authorization"));
        foreach (var id in new[] { "zai/glm-4.7", "zai/glm-4.5-air" })
        {
            var row = quotas.Single(q => q.ModelId == id).Headline!;
            Assert.Equal((BalanceParser.ZhipuSource, 63d), (row.Source, Math.Round(row.Percent!.Value)));
        }

        Assert.DoesNotContain(quotas, q => q.ModelId == "zhipu/glm-4.6");
        var state = _services.GetRequiredService<StateStore>().Snapshot().Quota!;
        var printed = new StringWriter();
        QuotaPrinter.Print(printed, quotas, state, DateTimeOffset.UtcNow);
        Assert.Contains(BalanceParser.ZhipuSource, printed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Records, r => r.Message.Contains(Key, StringComparison.Ordinal));
    }

    public static TheoryData<int, string, FailureKind> BadReplies => new()
    {
        { 401, """{"error":{"code":"1000","message":"身份验证失败。"}}""", FailureKind.AuthFailed },
        { 200, """{"code":1001,"msg":"Header中未收到Authorization参数，无法进行身份验证。","success":false}""", FailureKind.AuthFailed },
        { 200, "<html><body>maintenance</body></html>", FailureKind.Unknown },
        { 200, """{"code":200,"data":{"limits":[{"type":"TOKENS_LIMIT","percentage":"lots"}]},"success":true}""", FailureKind.Unknown },
        { 500, "upstream reset", FailureKind.ServerError },
    };

    [Theory]
    [MemberData(nameof(BadReplies))]
    public async Task Error_and_malformed_replies_are_classified_and_leave_no_reading(int status, string body, FailureKind kind)
    {
        _server.On("GET", PlanPath, status, body);

        var quotas = await _services.GetRequiredService<QuotaCheck>().RunCycleAsync(CancellationToken.None);

        Assert.NotEmpty(_server.RequestsTo("GET", PlanPath));
        Assert.DoesNotContain(quotas, q => q.Meters.Any(m => m.Source == BalanceParser.ZhipuSource));
        var failed = Assert.Single(_logs.Records, r => r.Properties.TryGetValue("Step", out var step) && Equals(step, ZhipuPlanPoller.Step) && r.Level >= LogLevel.Warning);
        Assert.Equal(kind, failed.Properties["Kind"]);
        Assert.DoesNotContain(_logs.Records, r => r.Message.Contains(Key, StringComparison.Ordinal));
    }

    private sealed class StaticKeys : IApiKeySource
    {
        public string? GetKey(string variableName) => variableName == KeyEnv ? Key : null;
    }
}
