using Guard.Probing;

namespace Guard.Tests.Probing.Classification.Corpus;

/// <summary>One line of replies.jsonl: what a provider answered and what a person reading it would call it.</summary>
/// <remarks>Rule: the rule expected with the provider's own base URL; null when not pinned by a unit test.</remarks>
public sealed record CorpusReply(
    string Provider, int Status, string Body, IReadOnlyDictionary<string, string> Headers, string? ContentType,
    FailureKind Kind, string? Rule, string Source)
{
    public override string ToString() => $"{Provider} {Status} {Kind} {Rule}";
}
