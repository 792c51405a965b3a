namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>An installed release: where its Node and its <c>openclaw</c> entry point are.</summary>
public sealed record OpenClawInstallation(OpenClawRelease Release, string NodeBinDirectory, string OpenClawBinDirectory, string ReportedVersion)
{
    public string Node => Path.Join(NodeBinDirectory, "node");

    public string OpenClaw => Path.Join(OpenClawBinDirectory, "openclaw");

    /// <summary>Node and openclaw first, then the usual system directories (busctl, systemctl, sh).</summary>
    public string SearchPath => $"{OpenClawBinDirectory}:{NodeBinDirectory}:/usr/local/bin:/usr/bin:/bin";
}
