using Guard.Probing.Classification;

namespace Guard.Probing.Providers;

/// <summary>One HTTP request of a probe and how to read its 2xx answer. The executor disposes the request.</summary>
internal sealed class ProbeCall(string step, HttpRequestMessage request, int maxBodyBytes, Func<ProviderResponse, StepVerdict> interpret)
{
    /// <summary>Short name for logs: "models", "balance", "key", "chat", "messages", "generateContent", "model".</summary>
    public string Step { get; } = step;

    public HttpRequestMessage Request { get; } = request;

    public int MaxBodyBytes { get; } = maxBodyBytes;

    public Func<ProviderResponse, StepVerdict> Interpret { get; } = interpret;
}
