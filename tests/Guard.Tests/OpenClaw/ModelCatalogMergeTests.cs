using Guard.Chain;
using Guard.Configuration;
using Guard.OpenClaw.Discovery;

namespace Guard.Tests.OpenClaw;

public sealed class ModelCatalogMergeTests
{
    private static DiscoveredModel Found(string id, string keyName = "K", string? api = ApiKinds.OpenAiCompletions) =>
        new(id, id.Split('/')[0], id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..], api, "https://x.example/v1",
            "agents.defaults.model.primary", keyName, $"${keyName} (~/.openclaw/.env)", true, null);

    [Fact]
    public void Discovered_chain_is_used_when_guard_names_no_models()
    {
        var chain = ModelCatalog.Resolve(new GuardOptions(), [Found("zhipu/glm-4.7", "ZHIPU_API_KEY"), Found("nvidia/moonshotai/kimi-k2.5")]);

        Assert.Equal(["zhipu/glm-4.7", "nvidia/moonshotai/kimi-k2.5"], chain.Select(m => m.Id));
        Assert.All(chain, m => Assert.Equal(ModelSource.OpenClaw, m.Source));
        Assert.Equal("ZHIPU_API_KEY", chain[0].ApiKeyEnv);
        Assert.Equal("$ZHIPU_API_KEY (~/.openclaw/.env)", chain[0].KeyOrigin);
        Assert.Equal("moonshotai/kimi-k2.5", chain[1].Model);
    }

    [Fact]
    public void Guard_models_override_field_by_field_extend_and_can_drop_a_discovered_one()
    {
        var options = new GuardOptions
        {
            Models =
            [
                new ModelOptions { Id = "zhipu/glm-4.7", Tiers = [ProbeTier.Reach], ApiKeyEnv = "MY_ZHIPU" },
                new ModelOptions { Id = "openai/gpt-5" },
                new ModelOptions { Id = "nvidia/moonshotai/kimi-k2.5", Enabled = false },
            ],
        };

        var chain = ModelCatalog.Resolve(options, [Found("zhipu/glm-4.7"), Found("nvidia/moonshotai/kimi-k2.5"), Found("deepseek/deepseek-chat")]);

        Assert.Equal(["zhipu/glm-4.7", "deepseek/deepseek-chat", "openai/gpt-5"], chain.Select(m => m.Id));
        var zhipu = chain[0];
        Assert.Equal((ModelSource.GuardConfig, "https://x.example/v1", "MY_ZHIPU"), (zhipu.Source, zhipu.BaseUrl, zhipu.ApiKeyEnv));
        Assert.Equal([ProbeTier.Reach], zhipu.Tiers);
        Assert.Equal("$MY_ZHIPU (Guard:Models)", zhipu.KeyOrigin);
        Assert.Equal((ModelSource.GuardConfig, "https://api.openai.com/v1"), (chain[2].Source, chain[2].BaseUrl));
    }

    [Fact]
    public void Without_discovery_nothing_changes()
    {
        Assert.Equal(ModelCatalog.BuiltInChain, ModelCatalog.Resolve(new GuardOptions(), null).Select(m => m.Id));
        Assert.Equal(ModelCatalog.BuiltInChain, new ModelChain().Resolve(new GuardOptions()).Select(m => m.Id));
    }
}
