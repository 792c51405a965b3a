using Guard.Alerts;
using Guard.Alerts.Channels;
using Guard.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Guard.Tests.Alerts.Channels;

public sealed class RateLimiterTests
{
    private readonly FakeTimeProvider _time = new(ChannelTestData.Start);

    [Fact]
    public void DingTalk_default_allows_a_burst_of_two_then_one_every_3_3_seconds()
    {
        var limiter = new ChannelRateLimiter(ChannelRateLimits.For(new AlertChannelOptions { Type = AlertChannelType.DingTalk }), _time);

        Assert.True(limiter.TryAcquire(out _));
        Assert.True(limiter.TryAcquire(out _));
        Assert.False(limiter.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromSeconds(60.0 / 18), wait);

        _time.Advance(wait - TimeSpan.FromMilliseconds(1));
        Assert.False(limiter.TryAcquire(out _));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(limiter.TryAcquire(out _));
    }

    [Fact]
    public void Any_minute_stays_within_DingTalks_twenty()
    {
        var limiter = new ChannelRateLimiter(ChannelRateLimits.For(new AlertChannelOptions { Type = AlertChannelType.DingTalk }), _time);
        var sent = new List<DateTimeOffset>();
        for (var i = 0; i < 600; i++)
        {
            if (limiter.TryAcquire(out _))
            {
                sent.Add(_time.GetUtcNow());
            }

            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        var worst = sent.Max(t => sent.Count(s => s >= t && s < t.AddMinutes(1)));
        Assert.InRange(worst, 18, 20);
    }

    [Fact]
    public void Feishu_limits_per_second_and_per_minute()
    {
        var limiter = new ChannelRateLimiter(ChannelRateLimits.For(new AlertChannelOptions { Type = AlertChannelType.Feishu }), _time);

        for (var i = 0; i < 4; i++)
        {
            Assert.True(limiter.TryAcquire(out _));
        }

        Assert.False(limiter.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(250), wait);

        var sent = 4;
        for (var i = 0; i < 240; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            sent += limiter.TryAcquire(out _) ? 1 : 0;
        }

        // 60 s at 4/s would be 240; the 90/min bucket (burst 10) caps it.
        Assert.InRange(sent, 90, 100);
    }

    [Fact]
    public void Failed_acquire_takes_nothing_from_any_bucket()
    {
        var limiter = new ChannelRateLimiter([new TokenBucketRule(5, TimeSpan.FromSeconds(1)), new TokenBucketRule(1, TimeSpan.FromMinutes(1))], _time);

        Assert.True(limiter.TryAcquire(out _));
        for (var i = 0; i < 10; i++)
        {
            Assert.False(limiter.TryAcquire(out _));
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(limiter.TryAcquire(out _));
    }

    [Fact]
    public void MaxPerMinute_replaces_the_default()
    {
        var rules = ChannelRateLimits.For(new AlertChannelOptions { Type = AlertChannelType.Webhook, MaxPerMinute = 6 });

        var rule = Assert.Single(rules);
        Assert.Equal(TimeSpan.FromSeconds(10), rule.Interval);
        Assert.Equal(1, rule.Burst);
    }

    [Fact]
    public async Task Held_back_message_does_not_reach_the_channel()
    {
        var inner = Substitute.For<IAlertChannel>();
        inner.Name.Returns("owner");
        inner.SendAsync(Arg.Any<AlertMessage>(), Arg.Any<CancellationToken>()).Returns(DeliveryResult.Delivered);
        var limiter = new ChannelRateLimiter([new TokenBucketRule(1, TimeSpan.FromSeconds(20))], _time);
        var channel = new RateLimitedAlertChannel(inner, limiter, NullLogger.Instance);

        var first = await channel.SendAsync(ChannelTestData.Message(), CancellationToken.None);
        var second = await channel.SendAsync(ChannelTestData.Message(), CancellationToken.None);

        Assert.True(first.Ok);
        Assert.Equal(DeliveryOutcome.Transient, second.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(20), second.RetryAfter);
        Assert.Equal(RateLimitedAlertChannel.HeldBackCode, second.ChannelCode);
        await inner.Received(1).SendAsync(Arg.Any<AlertMessage>(), Arg.Any<CancellationToken>());

        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True((await channel.SendAsync(ChannelTestData.Message(), CancellationToken.None)).Ok);
    }
}
