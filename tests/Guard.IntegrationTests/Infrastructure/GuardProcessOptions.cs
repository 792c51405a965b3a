namespace Guard.IntegrationTests.Infrastructure;

/// <summary>How to start a <c>guard</c> process.</summary>
public sealed class GuardProcessOptions
{
    /// <summary>Variables set on top of the inherited environment; a null value removes the variable.</summary>
    public IDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>
    /// A command guard is started under (e.g. <c>unshare -m sh -c '… exec "$@"' sh</c>); it must exec its arguments so the
    /// process id stays guard's.
    /// </summary>
    public IList<string> Wrapper { get; } = new List<string>();

    /// <summary>Defaults to the test output directory.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>How long <see cref="GuardProcess.WaitForExitAsync"/> waits before killing the process.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Guard__* variables of the test runner are dropped unless this is set, so a developer's own
    /// configuration cannot change a test's outcome.
    /// </summary>
    public bool InheritGuardVariables { get; set; }
}
