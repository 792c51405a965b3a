namespace Guard.IntegrationTests.Alerts.Emulators;

/// <summary>A scripted answer. <see cref="Hang"/> never answers (for timeout tests).</summary>
public sealed record EmulatorReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static EmulatorReply Hang { get; } = new(-1, "");

    public static EmulatorReply Json(string body, int status = 200) => new(status, body);
}
