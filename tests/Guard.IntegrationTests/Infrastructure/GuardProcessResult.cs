namespace Guard.IntegrationTests.Infrastructure;

/// <summary>How a finished <c>guard</c> process ended and everything it printed.</summary>
public sealed record GuardProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
