using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Guard.IntegrationTests.Alerts.Emulators;

/// <summary>
/// A generic webhook receiver that verifies Standard-Webhooks signatures (its own implementation of the spec:
/// whsec_ keys are base64, timestamps within 5 min, constant-time compare) and an optional bearer token.
/// </summary>
public sealed class WebhookReceiver : ChannelEmulator
{
    private WebhookReceiver(string? secret, string? bearer, TimeProvider? time) : base(time)
    {
        Secret = secret;
        Bearer = bearer;
    }

    public string? Secret { get; }

    public string? Bearer { get; }

    public string Url => $"{BaseAddress}/alerts/guard";

    public static async Task<WebhookReceiver> StartAsync(string? secret = null, string? bearer = null, TimeProvider? time = null)
    {
        var receiver = new WebhookReceiver(secret, bearer, time);
        await receiver.StartServerAsync();
        return receiver;
    }

    public static bool Verify(RecordedRequest request, string secret, DateTimeOffset now)
    {
        var id = request.Header("webhook-id");
        var timestamp = request.Header("webhook-timestamp");
        var signatures = request.Header("webhook-signature");
        if (id is null || timestamp is null || signatures is null
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        var key = secret.StartsWith("whsec_", StringComparison.Ordinal) ? Convert.FromBase64String(secret[6..]) : Encoding.UTF8.GetBytes(secret);
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{request.Body}"))));
        return signatures.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    protected override EmulatorReply Handle(RecordedRequest request)
    {
        if (Bearer is not null && request.Header("Authorization") != $"Bearer {Bearer}")
        {
            return new EmulatorReply(401, """{"error":"bad token"}""");
        }

        if (Secret is not null && !Verify(request, Secret, Time.GetUtcNow()))
        {
            return new EmulatorReply(401, """{"error":"bad signature"}""");
        }

        return new EmulatorReply(200, """{"status":"ok"}""");
    }
}
