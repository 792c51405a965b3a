namespace Guard.OpenClaw.Cli;

/// <summary>How one <c>openclaw</c> call went. <see cref="Problem"/> is a short, secret-free reason when it did not succeed.</summary>
public sealed record OpenClawCliResult(bool Succeeded, int? ExitCode, string Output, string? Problem)
{
    public static OpenClawCliResult Failed(string problem, int? exitCode = null) => new(false, exitCode, "", problem);
}
