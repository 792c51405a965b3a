using System.Text;
using Guard.Alerts.Channels;

namespace Guard.Tests.Alerts.Channels;

public sealed class MessageTruncationTests
{
    [Fact]
    public void Short_text_is_returned_unchanged()
    {
        Assert.Equal("模型 ok", MessageTruncation.ToUtf8Bytes("模型 ok", 100));
        Assert.Equal("a&amp;b", MessageTruncation.ToChars("a&amp;b", 7, html: true));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(31)]
    [InlineData(100)]
    [InlineData(2048)]
    public void Utf8_cut_never_exceeds_the_limit_nor_splits_a_character(int maxBytes)
    {
        var text = string.Concat(Enumerable.Repeat("模型链全部不可用 😀 ChainDark; ", 200));

        var cut = MessageTruncation.ToUtf8Bytes(text, maxBytes);

        var bytes = Encoding.UTF8.GetBytes(cut);
        Assert.True(bytes.Length <= maxBytes, $"{bytes.Length} > {maxBytes}");
        Assert.Equal(cut, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        Assert.DoesNotContain('\uFFFD', cut);
        var marker = cut.IndexOf('…', StringComparison.Ordinal);
        Assert.StartsWith(marker < 0 ? cut : cut[..marker], text, StringComparison.Ordinal);
    }

    [Fact]
    public void Marker_counts_the_characters_left_out()
    {
        var text = new string('a', 100);

        var cut = MessageTruncation.ToUtf8Bytes(text, 50);

        var kept = cut.IndexOf('…', StringComparison.Ordinal);
        Assert.Equal($"…(+{100 - kept} more)", cut[kept..]);
        Assert.Equal(50, Encoding.UTF8.GetByteCount(cut));
    }

    [Fact]
    public void Surrogate_pairs_count_as_one_character_and_stay_whole()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 50));

        var cut = MessageTruncation.ToUtf8Bytes(text, 30);

        var kept = cut[..cut.IndexOf('…', StringComparison.Ordinal)];
        Assert.Equal(0, kept.Length % 2);
        Assert.EndsWith($"(+{50 - (kept.Length / 2)} more)", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_cut_never_lands_inside_an_entity()
    {
        var escaped = string.Concat(Enumerable.Repeat("x&amp;y&lt;z&gt;", 40));

        for (var max = 20; max < 80; max++)
        {
            var cut = MessageTruncation.ToChars(escaped, max, html: true);
            var kept = cut[..cut.IndexOf('…', StringComparison.Ordinal)];
            Assert.True(cut.Length <= max);
            var lastAmp = kept.LastIndexOf('&');
            Assert.True(lastAmp < 0 || kept.IndexOf(';', lastAmp) > lastAmp, $"entity split at max {max}: {kept}");
        }
    }

    [Fact]
    public void Tiny_limit_gives_empty_text_rather_than_an_overlong_one()
    {
        Assert.Equal("", MessageTruncation.ToUtf8Bytes(new string('a', 100), 3));
    }
}
