using System.Net.Sockets;
using Guard.Probing;
using Guard.Probing.Classification;

namespace Guard.Tests.Probing.Classification;

public sealed class TransportClassificationTests
{
    private readonly FailureClassifier _classifier = new();

    [Theory]
    [InlineData(HttpRequestError.NameResolutionError)]
    [InlineData(HttpRequestError.ConnectionError)]
    [InlineData(HttpRequestError.SecureConnectionError)]
    [InlineData(HttpRequestError.ProxyTunnelError)]
    [InlineData(HttpRequestError.ResponseEnded)]
    [InlineData(HttpRequestError.InvalidResponse)]
    [InlineData(HttpRequestError.HttpProtocolError)]
    public void ClassifyException_HttpRequestErrors_AreNetwork(HttpRequestError error)
    {
        var exception = new HttpRequestException(error, "An error occurred while sending the request.", new SocketException(111));

        var result = _classifier.ClassifyException(exception);

        Assert.Equal(FailureKind.Network, result.Kind);
        Assert.StartsWith(error.ToString(), result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassifyException_IoMidBody_IsNetwork() =>
        Assert.Equal(FailureKind.Network, _classifier.ClassifyException(new IOException("The response ended prematurely.")).Kind);

    [Fact]
    public void ClassifyException_Other_IsUnknown() =>
        Assert.Equal(FailureKind.Unknown, _classifier.ClassifyException(new InvalidOperationException("odd")).Kind);
}
