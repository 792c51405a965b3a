using Guard.Alerts;
using Guard.Configuration;
using Guard.IntegrationTests.Alerts.Emulators;
using Microsoft.Extensions.Time.Testing;

namespace Guard.IntegrationTests.Alerts;

public sealed class FeishuChannelTests : IAsyncLifetime
{
    private const string Token = "7f3c2a91-feishu-hook-token-5e8d";
    private const string Secret = "feishu-signing-secret-4711";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));
    private FeishuEmulator _feishu = null!;

    public async Task InitializeAsync() => _feishu = await FeishuEmulator.StartAsync(Token, Secret, time: _time);

    public async Task DisposeAsync() => await _feishu.DisposeAsync();

    [Fact]
    public async Task Signed_card_is_delivered_and_verified_by_the_emulator()
    {
        using var harness = Harness(Secret);

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.True(result.Ok, result.Detail);
        Assert.Equal("0", result.ChannelCode);
        var body = Assert.Single(_feishu.Requests).Json();
        Assert.Equal("interactive", body.GetProperty("msg_type").GetString());
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("timestamp").GetString());
        Assert.Equal("red", body.GetProperty("card").GetProperty("header").GetProperty("template").GetString());
        Assert.Equal("🚨 模型链全部不可用 ChainDark", body.GetProperty("card").GetProperty("header").GetProperty("title").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Every_attempt_carries_a_fresh_timestamp_and_signature()
    {
        using var harness = Harness(Secret);
        var channel = harness.Create(Options());
        var message = ChannelHarness.Message(_time.GetUtcNow());

        var first = await channel.SendAsync(message, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(61));
        var second = await channel.SendAsync(message, CancellationToken.None);

        Assert.True(first.Ok && second.Ok, $"{first.Detail} / {second.Detail}");
        var bodies = _feishu.Requests.Select(r => r.Json()).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.NotEqual(bodies[0].GetProperty("timestamp").GetString(), bodies[1].GetProperty("timestamp").GetString());
        Assert.NotEqual(bodies[0].GetProperty("sign").GetString(), bodies[1].GetProperty("sign").GetString());
    }

    [Fact]
    public async Task Wrong_secret_is_19021_with_an_actionable_hint()
    {
        using var harness = Harness("not-the-right-secret");

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.Equal("19021", result.ChannelCode);
        Assert.Equal("signature rejected: check SecretEnv and the clock (NTP)", result.Detail);
    }

    [Fact]
    public async Task Clock_more_than_an_hour_off_is_19021()
    {
        var skewed = new FakeTimeProvider(_time.GetUtcNow().AddMinutes(-61));
        using var harness = new ChannelHarness(skewed, new Dictionary<string, string> { ["FEISHU_SECRET"] = Secret, ["FEISHU_URL"] = _feishu.HookUrl });

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal("19021", result.ChannelCode);
    }

    [Fact]
    public async Task Frequency_limited_reply_is_transient()
    {
        using var harness = Harness(Secret);
        _feishu.Enqueue(FeishuEmulator.FrequencyLimited());

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Transient, result.Outcome);
        Assert.Equal("11232", result.ChannelCode);
        Assert.Equal(200, result.HttpStatus);
    }

    [Fact]
    public async Task Missing_keyword_is_19024_and_the_Keyword_option_fixes_it()
    {
        await using var strict = await FeishuEmulator.StartAsync(Token, keyword: "Guard告警", time: _time);
        using var harness = Harness(null);
        var options = new AlertChannelOptions { Name = "owner", Type = AlertChannelType.Feishu, Url = strict.HookUrl, Format = AlertMessageFormat.Text };

        var without = await harness.Create(options).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);
        options.Keyword = "Guard告警";
        var with = await harness.Create(options).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Permanent, without.Outcome);
        Assert.Equal("19024", without.ChannelCode);
        Assert.Contains("set Keyword", without.Detail, StringComparison.Ordinal);
        Assert.True(with.Ok, with.Detail);
    }

    [Fact]
    public async Task Token_and_secret_never_reach_the_detail_or_the_logs()
    {
        using var harness = Harness(Secret);
        _feishu.Enqueue(FeishuEmulator.Error(9499, $"Bad Request: cannot parse hook {Token} with secret {Secret}"));

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.Contains("bad request", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Detail, StringComparison.Ordinal);
        var logs = harness.Logs.AllText;
        Assert.Contains("http://127.0.0.1:", logs, StringComparison.Ordinal);
        Assert.Contains("/***", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_message_is_cut_to_20_KB_and_accepted()
    {
        using var harness = Harness(Secret);
        var huge = string.Concat(Enumerable.Repeat("模型 zhipu/glm-4.7 连续失败 QuotaExhausted\n", 2000));

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow(), huge), CancellationToken.None);

        Assert.True(result.Ok, result.Detail);
        var request = Assert.Single(_feishu.Requests);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(request.Body), 19 * 1024, 20 * 1024);
        Assert.Matches(@"…\(\+\d+ more\)", request.Json().GetProperty("card").GetProperty("elements")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_transient()
    {
        using var harness = Harness(Secret);
        _feishu.Enqueue(EmulatorReply.Hang);

        var sending = harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);
        await _feishu.WaitForRequestsAsync(1);
        _time.Advance(TimeSpan.FromSeconds(10));
        var result = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(DeliveryOutcome.Transient, result.Outcome);
        Assert.Equal("no answer within 10 s", result.Detail);
    }

    [Fact]
    public async Task Unreachable_endpoint_is_transient()
    {
        using var harness = Harness(Secret);
        var url = _feishu.HookUrl;
        await _feishu.DisposeAsync();

        var result = await harness.Create(Options(url)).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Transient, result.Outcome);
        Assert.StartsWith("network error", result.Detail, StringComparison.Ordinal);
        _feishu = await FeishuEmulator.StartAsync(Token, Secret, time: _time);
    }

    private ChannelHarness Harness(string? secret) =>
        new(_time, secret is null ? null : new Dictionary<string, string> { ["FEISHU_SECRET"] = secret, ["FEISHU_URL"] = _feishu.HookUrl });

    private AlertChannelOptions Options(string? url = null) => new()
    {
        Name = "owner",
        Type = AlertChannelType.Feishu,
        Url = url,
        UrlEnv = url is null ? "FEISHU_URL" : null,
        SecretEnv = "FEISHU_SECRET",
    };
}
