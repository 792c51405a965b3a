namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>The releases every real-OpenClaw test runs against; a third release is one more line.</summary>
public static class OpenClawReleases
{
    /// <summary>
    /// 2026.2.12 pulls baileys, whose <c>libsignal</c> is a GitHub git URL this machine cannot fetch; the npm release of
    /// it installs (the WhatsApp channel is not used in tests). Releases from 2026.3.x on have no baileys dependency.
    /// </summary>
    public static readonly OpenClawRelease SeedEra = new(
        "2026.2.12", "26.10.0", OpenClawEra.JsonFiles, new Dictionary<string, string> { ["libsignal"] = "npm:libsignal@6.0.0" });

    public static readonly OpenClawRelease Today = new("2026.9.6", "26.10.0", OpenClawEra.SqliteStores, new Dictionary<string, string>());

    public static IReadOnlyList<OpenClawRelease> All { get; } = [SeedEra, Today];

    public static OpenClawRelease Named(string version) =>
        All.FirstOrDefault(r => r.Version == version) ?? throw new ArgumentException($"no release {version} in OpenClawReleases.All", nameof(version));

    /// <summary>For <c>[MemberData]</c>: the version strings (xunit shows them in test names).</summary>
    public static TheoryData<string> Versions()
    {
        var data = new TheoryData<string>();
        foreach (var release in All)
        {
            data.Add(release.Version);
        }

        return data;
    }
}
