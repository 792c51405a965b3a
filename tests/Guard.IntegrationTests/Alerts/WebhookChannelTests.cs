using System.Text.Json;
using Guard.Alerts;
using Guard.Configuration;
using Guard.IntegrationTests.Alerts.Emulators;
using Microsoft.Extensions.Time.Testing;

namespace Guard.IntegrationTests.Alerts;

public sealed class WebhookChannelTests : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Bearer = "receiver-bearer-token-0815";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero));
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync(Secret, Bearer, _time);

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Body_is_Alertmanager_v4_and_the_signature_verifies()
    {
        using var harness = Harness(Secret);

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.True(result.Ok, result.Detail);
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("a1b2c3d4e5f6", request.Header("webhook-id"));
        var body = request.Json();
        Assert.Equal("4", body.GetProperty("version").GetString());
        Assert.Equal("firing", body.GetProperty("status").GetString());
        Assert.Equal("hooks", body.GetProperty("receiver").GetString());
        Assert.Equal("guard:ChainDark|openclaw-gateway.service", body.GetProperty("groupKey").GetString());
        Assert.Equal(0, body.GetProperty("truncatedAlerts").GetInt32());
        Assert.Equal("", body.GetProperty("externalURL").GetString());
        Assert.Equal("ChainDark", body.GetProperty("groupLabels").GetProperty("alertname").GetString());
        Assert.Equal("critical", body.GetProperty("commonLabels").GetProperty("severity").GetString());
        var alert = Assert.Single(body.GetProperty("alerts").EnumerateArray());
        Assert.Equal("firing", alert.GetProperty("status").GetString());
        Assert.Equal("zhipu/glm-4.7", alert.GetProperty("labels").GetProperty("model").GetString());
        Assert.Equal("ChainDark", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("🚨 模型链全部不可用 ChainDark", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.StartsWith("zhipu/glm-4.7: QuotaExhausted", alert.GetProperty("annotations").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-02-12T21:00:00Z", alert.GetProperty("startsAt").GetString());
        Assert.Equal("0001-01-01T00:00:00Z", alert.GetProperty("endsAt").GetString());
        Assert.Equal("ChainDark|openclaw-gateway.service", alert.GetProperty("fingerprint").GetString());
        Assert.Equal("", alert.GetProperty("generatorURL").GetString());
    }

    [Fact]
    public async Task Resolved_message_carries_endsAt()
    {
        using var harness = Harness(Secret);

        await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow(), status: AlertStatus.Resolved), CancellationToken.None);

        var body = Assert.Single(_receiver.Requests).Json();
        Assert.Equal("resolved", body.GetProperty("status").GetString());
        Assert.Equal("2026-02-12T21:07:00Z", body.GetProperty("alerts")[0].GetProperty("endsAt").GetString());
    }

    [Fact]
    public async Task Retries_keep_the_id_and_sign_with_a_fresh_timestamp()
    {
        using var harness = Harness(Secret);
        var channel = harness.Create(Options());
        var message = ChannelHarness.Message(_time.GetUtcNow());

        await channel.SendAsync(message, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(90));
        await channel.SendAsync(message, CancellationToken.None);

        var requests = _receiver.Requests;
        Assert.Equal(requests[0].Header("webhook-id"), requests[1].Header("webhook-id"));
        Assert.NotEqual(requests[0].Header("webhook-timestamp"), requests[1].Header("webhook-timestamp"));
        Assert.NotEqual(requests[0].Header("webhook-signature"), requests[1].Header("webhook-signature"));
        Assert.All(requests, r => Assert.True(WebhookReceiver.Verify(r, Secret, r.At)));
    }

    [Fact]
    public async Task Server_error_is_transient_and_honours_Retry_After()
    {
        using var harness = Harness(Secret);
        _receiver.Enqueue(new EmulatorReply(500, "oops"));
        _receiver.Enqueue(new EmulatorReply(503, "busy", new Dictionary<string, string> { ["Retry-After"] = "30" }));
        var channel = harness.Create(Options());

        var first = await channel.SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);
        var second = await channel.SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Transient, first.Outcome);
        Assert.Equal(500, first.HttpStatus);
        Assert.Equal(DeliveryOutcome.Transient, second.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(30), second.RetryAfter);
    }

    [Fact]
    public async Task Client_error_is_permanent()
    {
        using var harness = Harness(Secret);
        _receiver.Enqueue(new EmulatorReply(400, """{"error":"unknown receiver"}"""));

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.Equal(400, result.HttpStatus);
        Assert.Contains("unknown receiver", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_secret_is_rejected_as_permanent_and_the_secret_stays_hidden()
    {
        using var harness = Harness("whsec_" + Convert.ToBase64String(new byte[24]));

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
        Assert.Equal(401, result.HttpStatus);
        Assert.Contains("check TokenEnv/SecretEnv", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Bearer, harness.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_description_is_cut_to_256_KB()
    {
        using var harness = Harness(Secret);
        var huge = string.Concat(Enumerable.Repeat("x", 400 * 1024));

        var result = await harness.Create(Options()).SendAsync(ChannelHarness.Message(_time.GetUtcNow(), huge), CancellationToken.None);

        Assert.True(result.Ok, result.Detail);
        var request = Assert.Single(_receiver.Requests);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(request.Body), 250 * 1024, 256 * 1024);
        Assert.Matches(@"…\(\+\d+ more\)$", request.Json().GetProperty("alerts")[0].GetProperty("annotations").GetProperty("description").GetString());
        _ = JsonDocument.Parse(request.Body);
    }

    private ChannelHarness Harness(string secret) =>
        new(_time, new Dictionary<string, string> { ["HOOK_SECRET"] = secret, ["HOOK_TOKEN"] = Bearer });

    private AlertChannelOptions Options() => new()
    {
        Name = "hooks",
        Type = AlertChannelType.Webhook,
        Url = _receiver.Url,
        SecretEnv = "HOOK_SECRET",
        TokenEnv = "HOOK_TOKEN",
    };
}
