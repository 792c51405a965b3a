using Xunit.Abstractions;
using Xunit.Sdk;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// Orders end-to-end cases release by release (in <see cref="OpenClawReleases.All"/> order), then by
/// <see cref="PhaseAttribute"/>: the healthy phases before the ones that leave cooldowns in the release's store, and
/// one shared bed per release.
/// </summary>
public sealed class PhaseOrderer : ITestCaseOrderer
{
    public const string Name = "Guard.IntegrationTests.RealOpenClaw.PhaseOrderer";
    public const string Assembly = "Guard.IntegrationTests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(c => Release(c)).ThenBy(c => Phase(c)).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Release(ITestCase testCase)
    {
        // Arguments are not always on the case (a theory the runner enumerates itself); its display name always shows them.
        var index = OpenClawReleases.All.ToList().FindIndex(r =>
            testCase.TestMethodArguments is [string v, ..] ? v == r.Version : testCase.DisplayName.Contains($"\"{r.Version}\"", StringComparison.Ordinal));
        return index < 0 ? int.MaxValue : index;
    }

    private static int Phase(ITestCase testCase) =>
        testCase.TestMethod.Method.GetCustomAttributes(typeof(PhaseAttribute).AssemblyQualifiedName).FirstOrDefault() is { } phase
            ? phase.GetConstructorArguments().OfType<int>().FirstOrDefault()
            : int.MaxValue;
}
