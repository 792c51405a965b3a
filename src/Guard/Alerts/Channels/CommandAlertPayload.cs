namespace Guard.Alerts.Channels;

/// <summary>The JSON a Command channel's program reads on stdin (field names are a public contract).</summary>
public sealed record CommandAlertPayload
{
    public required string Id { get; init; }

    public required string Fingerprint { get; init; }

    public required string Kind { get; init; }

    public required string Severity { get; init; }

    public required string Status { get; init; }

    public required string Title { get; init; }

    public required string Text { get; init; }

    public required Dictionary<string, string> Labels { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    public bool IsTest { get; init; }

    public required string Channel { get; init; }

    public static CommandAlertPayload From(AlertMessage message, string channel, string text)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new CommandAlertPayload
        {
            Id = message.Id,
            Fingerprint = message.Fingerprint,
            Kind = message.Kind.ToString(),
            Severity = message.Severity.ToString().ToLowerInvariant(),
            Status = message.Status.ToString().ToLowerInvariant(),
            Title = AlertText.Title(message),
            Text = text,
            Labels = new(message.Labels, StringComparer.Ordinal),
            StartsAt = message.StartsAt,
            EndsAt = message.EndsAt,
            IsTest = message.IsTest,
            Channel = channel,
        };
    }
}
