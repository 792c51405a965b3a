namespace Guard.Tests.Architecture;

/// <summary>
/// Every container Guard builds comes from <c>GuardComposition</c>: the service's host, each one-shot command and each
/// drill. A command wired by hand once left out the model chain and crashed (<c>guard restart-gateway</c>).
/// </summary>
public sealed class CompositionRootTests
{
    private const string Root = "Hosting/GuardComposition.cs";

    [Theory]
    [InlineData("new ServiceCollection(")]
    [InlineData("AddSingleton(TimeProvider.System)")] // TryAddSingleton too
    [InlineData("AddSingleton<IAlertPublisher>(NullAlertPublisher.Instance)")]
    [InlineData(".AddGuardLogging(")]
    [InlineData("GuardLogging.CreateLoggerFactory(")]
    public void Only_the_composition_root_builds_containers_and_registers_the_core(string construct)
    {
        var offenders = RepositoryFiles.ProductSources()
            .Where(f => f.Path.Replace('\\', '/') != Root && Registers(f.Text, construct))
            .Select(f => f.Path)
            .ToList();

        Assert.True(offenders.Count == 0, $"'{construct}' outside {Root}: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void The_composition_root_is_where_the_core_is_registered() =>
        Assert.Contains(RepositoryFiles.ProductSources(), f => f.Path.Replace('\\', '/') == Root && f.Text.Contains("AddSingleton(TimeProvider.System)", StringComparison.Ordinal));

    private static bool Registers(string text, string construct) =>
        text.Split('\n').Any(line => line.Contains(construct, StringComparison.Ordinal) && !line.TrimStart().StartsWith("//", StringComparison.Ordinal));
}
