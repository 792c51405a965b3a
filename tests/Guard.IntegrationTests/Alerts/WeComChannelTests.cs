using System.Text;
using Guard.Alerts;
using Guard.Configuration;
using Guard.IntegrationTests.Alerts.Emulators;
using Microsoft.Extensions.Time.Testing;

namespace Guard.IntegrationTests.Alerts;

public sealed class WeComChannelTests : IAsyncLifetime
{
    private const string Key = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));
    private WeComEmulator _weCom = null!;

    public async Task InitializeAsync() => _weCom = await WeComEmulator.StartAsync(Key, _time);

    public async Task DisposeAsync() => await _weCom.DisposeAsync();

    [Fact]
    public async Task Markdown_is_delivered()
    {
        using var harness = new ChannelHarness(_time);

        var result = await harness.Create(Options(_weCom.WebhookUrl)).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.True(result.Ok, result.Detail);
        var body = Assert.Single(_weCom.Requests).Json();
        Assert.StartsWith("**🚨 模型链全部不可用 ChainDark**\n", body.GetProperty("markdown").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frequency_limit_is_transient()
    {
        using var harness = new ChannelHarness(_time);
        _weCom.Enqueue(WeComEmulator.FrequencyLimited());

        var result = await harness.Create(Options(_weCom.WebhookUrl)).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Transient, result.Outcome);
        Assert.Equal("45009", result.ChannelCode);
        Assert.NotNull(result.RetryAfter);
    }

    [Fact]
    public async Task Wrong_key_is_93000_permanent_and_the_key_is_not_shown()
    {
        using var harness = new ChannelHarness(_time);
        var wrong = _weCom.WebhookUrl.Replace(Key, "00000000-dead-beef-0000-wrongkey0000", StringComparison.Ordinal);

        var result = await harness.Create(Options(wrong)).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.Equal("93000", result.ChannelCode);
        Assert.Contains("invalid webhook URL", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("wrongkey", harness.Logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AlertMessageFormat.Markdown, 4096)]
    [InlineData(AlertMessageFormat.Text, 2048)]
    public async Task Long_messages_are_cut_to_the_byte_limit_and_accepted(AlertMessageFormat format, int limit)
    {
        using var harness = new ChannelHarness(_time);
        var options = Options(_weCom.WebhookUrl);
        options.Format = format;
        var huge = string.Concat(Enumerable.Repeat("企业微信告警：模型不可用。", 800));

        var result = await harness.Create(options).SendAsync(ChannelHarness.Message(_time.GetUtcNow(), huge), CancellationToken.None);

        Assert.True(result.Ok, result.Detail);
        var body = Assert.Single(_weCom.Requests).Json();
        var content = body.GetProperty(format == AlertMessageFormat.Text ? "text" : "markdown").GetProperty("content").GetString()!;
        Assert.InRange(Encoding.UTF8.GetByteCount(content), limit - 40, limit);
    }

    private static AlertChannelOptions Options(string url) => new() { Name = "team", Type = AlertChannelType.WeCom, Url = url };
}
