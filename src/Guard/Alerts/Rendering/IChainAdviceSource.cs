namespace Guard.Alerts.Rendering;

/// <summary>The recommended chain order as one line for ChainDark and QuotaCritical notices; null when there is none.</summary>
public interface IChainAdviceSource
{
    string? Describe();
}
