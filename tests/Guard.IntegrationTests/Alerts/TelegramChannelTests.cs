using Guard.Alerts;
using Guard.Configuration;
using Guard.IntegrationTests.Alerts.Emulators;
using Microsoft.Extensions.Time.Testing;

namespace Guard.IntegrationTests.Alerts;

public sealed class TelegramChannelTests : IAsyncLifetime
{
    private const string Token = "7123456789:AAHk3x9-telegram-bot-token-abcdefghijk";
    private const string ChatId = "-1002233445566";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));
    private TelegramEmulator _telegram = null!;

    public async Task InitializeAsync() => _telegram = await TelegramEmulator.StartAsync(Token, ChatId, _time);

    public async Task DisposeAsync() => await _telegram.DisposeAsync();

    [Fact]
    public async Task Html_message_is_delivered_without_link_preview()
    {
        using var harness = Harness();

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow(), "a <b> & c"), CancellationToken.None);

        Assert.True(result.Ok, result.Detail);
        var body = Assert.Single(_telegram.Requests).Json();
        Assert.Equal(ChatId, body.GetProperty("chat_id").GetString());
        Assert.Equal("HTML", body.GetProperty("parse_mode").GetString());
        Assert.True(body.GetProperty("link_preview_options").GetProperty("is_disabled").GetBoolean());
        Assert.Equal("<b>🚨 模型链全部不可用 ChainDark</b>\na &lt;b&gt; &amp; c", body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Flood_control_retry_after_becomes_RetryAfter()
    {
        using var harness = Harness();
        _telegram.Enqueue(TelegramEmulator.Flood(7));

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Transient, result.Outcome);
        Assert.Equal(429, result.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
    }

    [Fact]
    public async Task Blocked_bot_is_permanent()
    {
        using var harness = Harness();
        _telegram.Enqueue(TelegramEmulator.Blocked());

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.Equal(403, result.HttpStatus);
        Assert.Contains("blocked", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_chat_says_check_ChatId()
    {
        using var harness = Harness();
        var options = Options();
        options.ChatId = "424242";

        var result = await harness.Create(options).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.StartsWith("chat not found: check ChatId", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bot_token_never_reaches_detail_or_logs()
    {
        using var harness = Harness();
        _telegram.Enqueue(TelegramEmulator.Error(400, $"Bad Request: can't parse entities for bot{Token}"));

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.DoesNotContain(Token, result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("AAHk3x9", harness.Logs.AllText, StringComparison.Ordinal);
        Assert.Contains(_telegram.Requests, r => r.Path.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rate_limited_channel_holds_back_without_calling_Telegram()
    {
        using var harness = Harness();
        var channel = harness.Create(Options(), rateLimited: true);

        var first = await channel.SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);
        var second = await channel.SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var third = await channel.SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.True(first.Ok);
        Assert.Equal(DeliveryOutcome.Transient, second.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(1), second.RetryAfter);
        Assert.True(third.Ok);
        Assert.Equal(2, _telegram.Requests.Count);
    }

    private ChannelHarness Harness() => new(_time, new Dictionary<string, string> { ["TELEGRAM_BOT_TOKEN"] = Token });

    private AlertChannelOptions Options() => new()
    {
        Name = "phone",
        Type = AlertChannelType.Telegram,
        Url = _telegram.BaseAddress,
        TokenEnv = "TELEGRAM_BOT_TOKEN",
        ChatId = ChatId,
    };
}
