using Guard.Alerts;
using Guard.Alerts.Channels;
using Guard.Configuration;
using Guard.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.Tests.Alerts.Channels;

internal static class ChannelTestData
{
    public static readonly DateTimeOffset Start = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);

    public static AlertMessage Message(
        string text = "zhipu/glm-4.7: QuotaExhausted (HTTP 429)\ngemini: Timeout", AlertSeverity severity = AlertSeverity.Critical,
        AlertStatus status = AlertStatus.Firing, bool isTest = false) => new()
        {
            Id = "msg-0001",
            Fingerprint = "ChainDark|openclaw-gateway.service",
            Kind = AlertEventKind.ChainDark,
            Severity = severity,
            Status = status,
            Title = "🚨 模型链全部不可用 ChainDark",
            Text = text,
            Labels = new Dictionary<string, string> { ["model"] = "zhipu/glm-4.7", ["unit"] = "openclaw-gateway.service" },
            StartsAt = Start,
            EndsAt = status == AlertStatus.Resolved ? Start.AddMinutes(5) : null,
            IsTest = isTest,
        };

    public static AlertChannelContext Context(
        AlertChannelType type, TimeProvider time, string url = "https://example.invalid/hook", string? secret = null, string? token = null,
        Action<AlertChannelOptions>? configure = null)
    {
        var options = new AlertChannelOptions { Name = "owner", Type = type, ChatId = "12345" };
        configure?.Invoke(options);
        return new AlertChannelContext
        {
            Options = options,
            Time = time,
            Redactor = new SecretRedactor([secret, token]),
            Logger = NullLogger.Instance,
#pragma warning disable CA2000 // never sends: body building only
            Http = new HttpClient(),
#pragma warning restore CA2000
            Url = new Uri(url),
            Secret = secret,
            Token = token,
            Timeout = TimeSpan.FromSeconds(10),
        };
    }
}
