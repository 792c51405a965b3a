using Guard.Alerts;
using Guard.Configuration;
using Guard.IntegrationTests.Alerts.Emulators;
using Microsoft.Extensions.Time.Testing;

namespace Guard.IntegrationTests.Alerts;

public sealed class DingTalkChannelTests : IAsyncLifetime
{
    private const string AccessToken = "9d1c7be0a5f24e3b8c6d2f1a0e9b8c7d";
    private const string Secret = "SEC5b2e7c9a1d3f4e6b8a0c2d4f6e8a0b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f3a";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));
    private DingTalkEmulator _dingTalk = null!;

    public async Task InitializeAsync() => _dingTalk = await DingTalkEmulator.StartAsync(AccessToken, Secret, time: _time);

    public async Task DisposeAsync() => await _dingTalk.DisposeAsync();

    [Fact]
    public async Task Signed_markdown_is_delivered_and_each_attempt_is_signed_afresh()
    {
        using var harness = Harness(Secret);
        var channel = harness.Create(Options());
        var message = ChannelHarness.Message(_time.GetUtcNow());

        var first = await channel.SendAsync(message, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(30));
        var second = await channel.SendAsync(message, CancellationToken.None);

        Assert.True(first.Ok && second.Ok, $"{first.Detail} / {second.Detail}");
        var requests = _dingTalk.Requests;
        Assert.Equal("markdown", requests[0].Json().GetProperty("msgtype").GetString());
        Assert.NotEqual(requests[0].QueryValue("timestamp"), requests[1].QueryValue("timestamp"));
        Assert.NotEqual(requests[0].QueryValue("sign"), requests[1].QueryValue("sign"));

        // Re-signing starts from the stored URL each time: one timestamp, never an ever-growing query.
        Assert.All(requests, r => Assert.Equal(3, r.RawQuery.Split('&').Length));
    }

    [Fact]
    public async Task Wrong_secret_is_310000_naming_the_secret()
    {
        using var harness = Harness("SECnot-the-right-one");

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.Equal("310000", result.ChannelCode);
        Assert.Contains("check SecretEnv", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessToken, harness.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_too_fast_is_transient_for_a_minute()
    {
        using var harness = Harness(Secret);
        _dingTalk.Enqueue(DingTalkEmulator.TooFast());

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Transient, result.Outcome);
        Assert.Equal("130101", result.ChannelCode);
        Assert.Equal(TimeSpan.FromSeconds(60), result.RetryAfter);
    }

    [Fact]
    public async Task Unsigned_robot_with_keyword_security_needs_the_keyword()
    {
        await using var keywordOnly = await DingTalkEmulator.StartAsync(AccessToken, keyword: "监控", time: _time);
        using var harness = Harness(null);
        var options = new AlertChannelOptions { Name = "ops", Type = AlertChannelType.DingTalk, Url = keywordOnly.RobotUrl, Format = AlertMessageFormat.Text };

        var without = await harness.Create(options).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);
        options.Keyword = "监控";
        var with = await harness.Create(options).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal("310000", without.ChannelCode);
        Assert.Contains("set Keyword", without.Detail, StringComparison.Ordinal);
        Assert.True(with.Ok, with.Detail);
        Assert.StartsWith("监控 ", with.Ok ? keywordOnly.Requests[^1].Json().GetProperty("text").GetProperty("content").GetString() : "", StringComparison.Ordinal);
        Assert.Null(keywordOnly.Requests[^1].QueryValue("sign"));
    }

    private ChannelHarness Harness(string? secret) =>
        new(_time, secret is null ? null : new Dictionary<string, string> { ["DINGTALK_SECRET"] = secret });

    private AlertChannelOptions Options() => new()
    {
        Name = "ops",
        Type = AlertChannelType.DingTalk,
        Url = _dingTalk.RobotUrl,
        SecretEnv = "DINGTALK_SECRET",
    };
}
