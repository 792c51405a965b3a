using Guard.Alerts;
using Guard.Alerts.Channels;
using Guard.Configuration;
using Guard.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guard.IntegrationTests.Alerts;

/// <summary>
/// The production wiring (<c>AddGuardAlertChannels</c>, the real factory and named HttpClient) with a fake environment
/// for secrets and a logger that keeps every formatted record unredacted, so tests see exactly what channels log.
/// </summary>
public sealed class ChannelHarness : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly AlertChannelFactory _factory;

    public ChannelHarness(TimeProvider time, IReadOnlyDictionary<string, string>? environment = null)
    {
        var env = environment ?? new Dictionary<string, string>();
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSingleton(SecretRedactor.Default);
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddGuardAlertChannels();
        _services = services.BuildServiceProvider();
        _factory = new AlertChannelFactory(
            _services.GetRequiredService<IHttpClientFactory>(), time, SecretRedactor.Default, _services.GetRequiredService<ILoggerFactory>(),
            name => env.TryGetValue(name, out var value) ? value : null);
    }

    public RecordingLoggerProvider Logs { get; } = new();

    public IAlertChannel Create(AlertChannelOptions options, bool rateLimited = false) =>
        rateLimited ? _factory.Create(options) : _factory.CreateUnlimited(options);

    public void Dispose() => _services.Dispose();

    public static AlertMessage Message(DateTimeOffset at, string text = "zhipu/glm-4.7: QuotaExhausted (HTTP 429), resets 08:00 UTC\ngemini-3-flash: Timeout",
        AlertStatus status = AlertStatus.Firing) => new()
        {
            Id = "a1b2c3d4e5f6",
            Fingerprint = "ChainDark|openclaw-gateway.service",
            Kind = AlertEventKind.ChainDark,
            Severity = AlertSeverity.Critical,
            Status = status,
            Title = "🚨 模型链全部不可用 ChainDark",
            Text = text,
            Labels = new Dictionary<string, string> { ["model"] = "zhipu/glm-4.7", ["unit"] = "openclaw-gateway.service" },
            StartsAt = at,
            EndsAt = status == AlertStatus.Resolved ? at.AddMinutes(7) : null,
        };
}
