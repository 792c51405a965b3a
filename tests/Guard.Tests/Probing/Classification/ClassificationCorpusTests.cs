using Guard.Tests.Probing.Classification.Corpus;

namespace Guard.Tests.Probing.Classification;

/// <summary>
/// Every pinned corpus reply (a rule named in replies.jsonl; sources cited there): the provider's own base URL gives
/// that rule and kind, and the same reply behind an unknown relay gives the same kind, by the same rule found from
/// the reply body ("reply:" prefix), the same generic row, or (a body without vocabulary) its status row. The unpinned rest is measured by the benchmark only.
/// </summary>
public sealed class ClassificationCorpusTests
{
    public static TheoryData<int, string> Pinned()
    {
        var data = new TheoryData<int, string>();
        var replies = ClassificationCorpus.Load();
        for (var i = 0; i < replies.Count; i++)
        {
            if (replies[i].Rule is not null)
            {
                data.Add(i, replies[i].ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pinned))]
    public void PinnedReply_Named_MatchesItsRule(int index, string name)
    {
        var reply = ClassificationCorpus.Load()[index];

        var result = ClassificationCorpus.ClassifyNamed(reply);

        Assert.True(reply.Kind == result.Kind && reply.Rule == result.Rule, $"{name}: got {result.Kind} by {result.Rule}");
    }

    [Theory]
    [MemberData(nameof(Pinned))]
    public void PinnedReply_BehindARelay_SameKind(int index, string name)
    {
        var reply = ClassificationCorpus.Load()[index];

        var result = ClassificationCorpus.ClassifyBehindRelay(reply);

        // A body with nothing provider-specific in it ({"message":"Unauthorized"}) may fall to the same status row.
        var sameRule = result.Rule == reply.Rule || result.Rule == "reply:" + reply.Rule
            || (result.Rule.StartsWith("status.", StringComparison.Ordinal) && result.Rule != "status.other");
        Assert.True(reply.Kind == result.Kind && sameRule, $"{name} behind a relay: got {result.Kind} by {result.Rule}");
    }

    [Fact]
    public void Corpus_CoversAtLeast100RepliesFrom15Providers()
    {
        var replies = ClassificationCorpus.Load();

        Assert.True(replies.Count >= 100, $"{replies.Count} replies");
        Assert.True(replies.Select(r => r.Provider).Distinct().Count() >= 15);
    }
}
