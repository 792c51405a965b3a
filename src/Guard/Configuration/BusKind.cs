namespace Guard.Configuration;

/// <summary>Which D-Bus the gateway's systemd manager listens on.</summary>
public enum BusKind
{
    User,
    System,
}
