namespace Guard.Alerts;

/// <summary>How one delivery attempt ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>The channel accepted the message.</summary>
    Delivered,

    /// <summary>Worth retrying: network, timeout, 5xx, 429, body-level rate-limit codes.</summary>
    Transient,

    /// <summary>Retrying cannot help: bad token, bad signature, keyword missing, chat not found.</summary>
    Permanent,
}
