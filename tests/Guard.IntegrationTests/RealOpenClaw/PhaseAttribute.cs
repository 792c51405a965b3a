namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>Where an end-to-end test runs in a release's sequence (see <see cref="PhaseOrderer"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PhaseAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}
