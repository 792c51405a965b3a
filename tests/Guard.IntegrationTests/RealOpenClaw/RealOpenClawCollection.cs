namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// Real gateways run one test class at a time: each is a Node process tree of several hundred MB that starts in
/// seconds on an idle core, and two at once on a two-core CI machine turn seconds-scale detection assertions into
/// noise. Classes that also need a private systemd manager use <see cref="Systemd.RealSystemdCollection"/> instead.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealOpenClawCollection
{
    public const string Name = "real openclaw";
}
