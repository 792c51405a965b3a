using Guard.Configuration;
using Guard.Probing;
using Guard.Probing.Providers;

namespace Guard.Tests.Probing.Providers;

public sealed class CodingPlansTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("zhipu/glm-4.7", "https://open.bigmodel.cn/api/coding/paas/v4", CodingPlan.ZhipuCodingPlan)]
    [InlineData("zai/glm-4.7", "https://api.z.ai/api/coding/paas/v4", CodingPlan.ZhipuCodingPlan)]
    [InlineData("zai/glm-4.7", "https://api.z.ai/api/paas/v4", CodingPlan.None)]
    [InlineData("zai/glm-4.7", "https://api.z.ai/api/anthropic", CodingPlan.None)]
    [InlineData("kimi-coding/kimi-for-coding", "https://api.kimi.com/coding/v1", CodingPlan.KimiCode)]
    [InlineData("kimi-coding/kimi-for-coding", "https://api.kimi.com/coding", CodingPlan.KimiCode)]
    [InlineData("moonshot/kimi-k2.5", "https://api.moonshot.ai/v1", CodingPlan.None)]
    [InlineData("openai/gpt-4o", "https://example.com/api/coding/v1", CodingPlan.None)]
    public void Recognises_coding_plans_by_family_and_path(string id, string baseUrl, CodingPlan expected)
    {
        var model = ModelCatalog.Resolve(new ModelOptions { Id = id, BaseUrl = baseUrl }, TimeSpan.FromSeconds(10), ModelSource.GuardConfig);

        Assert.Equal(expected, CodingPlans.Of(model));
    }

    [Fact]
    public void The_catalog_takes_the_deep_tier_from_a_coding_plan_even_when_configured()
    {
        var coding = ModelCatalog.Resolve(
            new ModelOptions { Id = "zhipu/glm-4.7", BaseUrl = "https://open.bigmodel.cn/api/coding/paas/v4", Tiers = [ProbeTier.Deep] },
            TimeSpan.FromSeconds(10), ModelSource.GuardConfig);
        var general = ModelCatalog.Resolve(new ModelOptions { Id = "zhipu/glm-4.7" }, TimeSpan.FromSeconds(10), ModelSource.GuardConfig);

        Assert.Equal([ProbeTier.Reach], coding.Tiers);
        Assert.Equal([ProbeTier.Reach, ProbeTier.Deep], general.Tiers);
    }

    [Fact]
    public void Forcing_a_deep_probe_never_reaches_a_coding_plan()
    {
        var coding = ModelCatalog.Resolve(
            new ModelOptions { Id = "zai/glm-4.7", BaseUrl = "https://api.z.ai/api/coding/paas/v4" }, TimeSpan.FromSeconds(10), ModelSource.GuardConfig);

        var round = ProbePlanner.Plan(coding, null, Now, TimeSpan.FromMinutes(30), forceDeep: true);
        var command = Guard.Cli.ProbeCommand.PlanForCommand(coding, forceDeep: true);

        Assert.Equal([ProbeTier.Reach], round.Tiers);
        Assert.False(round.DeepIfReachFails);
        Assert.Equal([ProbeTier.Reach], command.Tiers);
        Assert.False(command.DeepIfReachFails);
    }
}
