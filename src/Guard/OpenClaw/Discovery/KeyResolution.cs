namespace Guard.OpenClaw.Discovery;

/// <summary>
/// Where one provider's key is: <see cref="Name"/> is what Guard's key source is asked for, <see cref="Origin"/> says where
/// it was found — or, when <see cref="Value"/> is null, why it was not. <see cref="Value"/> is a secret: never print it.
/// </summary>
public sealed record KeyResolution(string Name, string? Value, string Origin)
{
    public bool Found => Value is not null;

    /// <summary>Redacted on purpose: records print their members.</summary>
    public override string ToString() => $"{Name}: {(Found ? "found" : "not found")} ({Origin})";
}
