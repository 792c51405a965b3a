namespace Guard.OpenClaw.Cli;

/// <summary>
/// How one <c>openclaw</c> call went. <see cref="Problem"/> is a short, secret-free reason when it did not succeed;
/// <see cref="Output"/> and <see cref="ErrorOutput"/> are kept on failure too, because the CLI prints its JSON error there.
/// </summary>
public sealed record OpenClawCliResult(bool Succeeded, int? ExitCode, string Output, string? Problem, string ErrorOutput = "", bool TimedOut = false)
{
    public static OpenClawCliResult Failed(string problem, int? exitCode = null) => new(false, exitCode, "", problem);
}
