using Guard.Chain;
using Guard.Alerts.Rendering;
using Guard.Configuration;
using Guard.State;

namespace Guard.OpenClaw.Advice;

/// <summary>The advice line of ChainDark / QuotaCritical notices, from the state at the moment the notice is rendered.</summary>
public sealed class ChainAdviceSource(LiveOptions options, IModelChain modelChain, StateStore store, TimeProvider time) : IChainAdviceSource
{
    public string? Describe()
    {
        var current = options.Current;
        if (current.OpenClaw.Reorder == ReorderMode.Off)
        {
            return null;
        }

        var chain = AdvisedChain.For(current, modelChain);
        if (chain.Count < 2)
        {
            return null;
        }

        var state = store.Snapshot();
        var advice = ChainAdvisor.Recommend(chain, state, ChainAdviceInputs.From(current, state, time.GetUtcNow()));
        return advice.DescribeEntries();
    }
}
