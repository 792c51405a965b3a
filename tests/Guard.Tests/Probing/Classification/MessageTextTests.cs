using Guard.Probing.Classification;

namespace Guard.Tests.Probing.Classification;

public sealed class MessageTextTests
{
    [Fact]
    public void Clean_ReplacesTheLiteralSecret()
    {
        var cleaned = MessageText.Clean("key my-plain-secret-123 rejected", "my-plain-secret-123");

        Assert.Equal("key [redacted] rejected", cleaned);
    }

    [Fact]
    public void Clean_RedactsGoogleAndOpenAiShapedKeys()
    {
        var cleaned = MessageText.Clean("AIzaSyA1234567890abcdefghijklmnopqrstu and sk-or-v1-0123456789abcdef0123");

        Assert.Equal("[redacted] and [redacted]", cleaned);
    }

    [Fact]
    public void Clean_FoldsWhitespaceToOneLine() => Assert.Equal("a b c", MessageText.Clean("  a\r\n\tb \n\n c  "));

    [Fact]
    public void Clean_CapsWithEllipsis()
    {
        var cleaned = MessageText.Clean(new string('y', 500));

        Assert.Equal(MessageText.MaxLength, cleaned.Length);
        Assert.EndsWith("…", cleaned, StringComparison.Ordinal);
    }
}
