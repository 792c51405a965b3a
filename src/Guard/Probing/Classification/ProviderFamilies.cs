using Guard.Configuration;

namespace Guard.Probing.Classification;

/// <summary>Decides a model's <see cref="ProviderFamily"/> from its base URL host first, then its provider id.</summary>
public static class ProviderFamilies
{
    public static ProviderFamily Detect(ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Detect(model.Api, model.Provider, model.BaseUrl);
    }

    public static ProviderFamily Detect(string api, string provider, string? baseUrl)
    {
        var host = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.Host : string.Empty;
        var id = provider.ToLowerInvariant();
        if (string.Equals(api, ApiKinds.GoogleGenerativeAi, StringComparison.OrdinalIgnoreCase)
            || HostIs(host, "generativelanguage.googleapis.com") || id is "google" or "gemini")
        {
            return ProviderFamily.Gemini;
        }

        // Host beats provider id: a "moonshot" entry pointed at api.anthropic.com speaks Anthropic.
        if (HostIs(host, "anthropic.com"))
        {
            return ProviderFamily.Anthropic;
        }

        if (HostIs(host, "moonshot.cn") || HostIs(host, "moonshot.ai") || HostIs(host, "kimi.com")
            || id is "moonshot" or "kimi" or "kimi-coding")
        {
            return ProviderFamily.Moonshot;
        }

        if (HostIs(host, "bigmodel.cn") || HostIs(host, "z.ai") || id is "zhipu" or "zai" or "z-ai" or "glm" or "bigmodel")
        {
            return ProviderFamily.Zhipu;
        }

        if (HostIs(host, "openrouter.ai") || id == "openrouter")
        {
            return ProviderFamily.OpenRouter;
        }

        if (HostIs(host, "openai.com") || id == "openai")
        {
            return ProviderFamily.OpenAi;
        }

        foreach (var (family, domains, ids) in OtherHosts)
        {
            if (domains.Any(d => HostIs(host, d)) || ids.Contains(id))
            {
                return family;
            }
        }

        return string.Equals(api, ApiKinds.AnthropicMessages, StringComparison.OrdinalIgnoreCase)
            ? ProviderFamily.Anthropic
            : ProviderFamily.Generic;
    }

    /// <summary>Families known by host or provider id only; their error vocabulary is in Rules/.</summary>
    private static readonly (ProviderFamily Family, string[] Domains, string[] Ids)[] OtherHosts =
    [
        (ProviderFamily.DashScope, ["dashscope.aliyuncs.com", "dashscope-intl.aliyuncs.com", "dashscope-us.aliyuncs.com"], ["dashscope", "qwen", "alibaba", "aliyun", "bailian", "modelstudio"]),
        (ProviderFamily.SiliconFlow, ["siliconflow.cn", "siliconflow.com"], ["siliconflow"]),
        (ProviderFamily.Xai, ["x.ai"], ["xai", "x-ai", "grok"]),
        (ProviderFamily.Nvidia, ["nvidia.com"], ["nvidia", "nim"]),
        (ProviderFamily.DeepSeek, ["deepseek.com"], ["deepseek"]),
        (ProviderFamily.Groq, ["groq.com"], ["groq"]),
        (ProviderFamily.Mistral, ["mistral.ai"], ["mistral"]),
        (ProviderFamily.Relay, [], ["one-api", "oneapi", "new-api", "newapi"]),
    ];

    private static bool HostIs(string host, string domain) =>
        host.Equals(domain, StringComparison.OrdinalIgnoreCase)
        || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);
}
