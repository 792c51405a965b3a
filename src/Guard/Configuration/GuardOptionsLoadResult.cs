namespace Guard.Configuration;

/// <summary>Either valid options or every problem found; never both.</summary>
public sealed record GuardOptionsLoadResult(GuardOptions? Options, IReadOnlyList<ConfigProblem> Problems)
{
    public bool IsValid => Options is not null && Problems.Count == 0;
}
