using Guard.Configuration;
using Guard.Probing;
using Guard.Probing.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guard.IntegrationTests.Probing;

/// <summary>A scripted provider server plus the real probe engine from <c>AddGuardProbing()</c>, wired to it.</summary>
internal sealed class ProbeHarness : IAsyncDisposable
{
    /// <summary>Looks like a real key so the shape-based redaction would catch it too; tests also check the literal.</summary>
    public const string Key = "test-key-Zq8vN3xK5pW2";

    public const string KeyEnv = "TEST_PROVIDER_KEY";

    private readonly ServiceProvider _services;

    private ProbeHarness(ScriptedProviderServer server, ServiceProvider services, RecordingLoggerProvider logs)
    {
        Server = server;
        _services = services;
        Logs = logs;
        Prober = services.GetRequiredService<IModelProber>();
    }

    public ScriptedProviderServer Server { get; }

    public IModelProber Prober { get; }

    public RecordingLoggerProvider Logs { get; }

    /// <summary>Per-HTTP-request probe records (event ids 2000 ok, 2001 failed).</summary>
    public IReadOnlyList<RecordingLoggerProvider.LogRecord> StepLogs =>
        [.. Logs.Records.Where(r => r.EventId.Id is 2000 or 2001)];

    public static async Task<ProbeHarness> StartAsync(string? key = Key)
    {
        var server = await ScriptedProviderServer.StartAsync();
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddGuardProbing()

            // Later registrations win: real engine, test keys, a quick retry that keeps the suite fast.
            .AddSingleton<IApiKeySource>(new DictionaryApiKeySource(
                key is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [KeyEnv] = key }))
            .AddSingleton(ProbeTuning.Default with { RetryDelayMin = TimeSpan.FromMilliseconds(20), RetryDelayMax = TimeSpan.FromMilliseconds(40) })
            .BuildServiceProvider();
        return new ProbeHarness(server, services, logs);
    }

    public ModelDefinition Model(string provider, string api, string model, string basePath, double timeoutSeconds = 5, IReadOnlyDictionary<string, string>? headers = null) =>
        new(provider + "/" + model, provider, api, Server.BaseUrl + basePath, model, KeyEnv, [ProbeTier.Reach, ProbeTier.Deep],
            headers ?? new Dictionary<string, string>(), TimeSpan.FromSeconds(timeoutSeconds), ModelSource.GuardConfig);

    public Task<ProbeResult> ProbeAsync(ModelDefinition model, ProbeTier tier) => Prober.ProbeAsync(model, tier, CancellationToken.None);

    /// <summary>The key must never leave the request headers: not in URLs, results or logs.</summary>
    public void AssertKeyNeverLeaked(ProbeResult result)
    {
        Assert.DoesNotContain(Key, result.Message ?? string.Empty, StringComparison.Ordinal);
        Assert.All(Server.Requests, r => Assert.DoesNotContain(Key, r.Path + r.Query, StringComparison.Ordinal));
        Assert.All(Logs.Records, r =>
        {
            Assert.DoesNotContain(Key, r.Message, StringComparison.Ordinal);
            Assert.All(r.Properties.Values, v => Assert.DoesNotContain(Key, v?.ToString() ?? string.Empty, StringComparison.Ordinal));
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
