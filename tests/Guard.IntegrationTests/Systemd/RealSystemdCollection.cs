namespace Guard.IntegrationTests.Systemd;

/// <summary>
/// Every test class that starts a private systemd user manager or journald runs in this one collection, so one at a
/// time. The private managers share the host's cgroup tree: two at once both put units such as dbus.service at the
/// same cgroup path, and one manager stopping its bus could take the other's down — a test then waited on a bus
/// that never answered.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealSystemdCollection
{
    public const string Name = "real systemd";
}
