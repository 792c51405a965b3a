namespace Guard.Configuration;

/// <summary>Cross-field rules of <c>Guard:OpenClaw</c>.</summary>
public static class OpenClawOptionsChecks
{
    public static IEnumerable<ConfigProblem> Check(OpenClawOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Reorder == ReorderMode.Apply && string.IsNullOrWhiteSpace(options.Cli))
        {
            // Guard never edits openclaw.json itself: the CLI validates and writes it the way the gateway expects.
            yield return new($"{GuardOptions.SectionName}:OpenClaw:Reorder", nameof(ReorderMode.Apply),
                "Apply writes the chain through the openclaw CLI; set Guard:OpenClaw:Cli (default \"openclaw\") or use Advise");
        }
    }
}
