using Guard.Configuration;
using Guard.Probing.Classification;
using Guard.Probing.Keys;
using Guard.Probing.Providers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Guard.Probing;

/// <summary>Picks the adapter by <see cref="ModelDefinition.Api"/>, runs it through <see cref="ProbePipeline"/>, and reports the final attempt.</summary>
internal sealed class ModelProber : IModelProber
{
    private static readonly ResiliencePropertyKey<string> ModelIdKey = new("guard.probe.model");

    private readonly Dictionary<string, IProviderAdapter> _adapters;
    private readonly IApiKeySource _keys;
    private readonly TimeProvider _timeProvider;
    private readonly ProbeTuning _tuning;
    private readonly ILogger<ModelProber> _logger;
    private readonly ResiliencePipeline<AttemptOutcome> _pipeline;

    public ModelProber(
        IEnumerable<IProviderAdapter> adapters, IApiKeySource keys, TimeProvider timeProvider, ProbeTuning tuning, ILogger<ModelProber> logger)
    {
        ArgumentNullException.ThrowIfNull(adapters);
        _adapters = adapters.ToDictionary(a => a.Api, StringComparer.OrdinalIgnoreCase);
        _keys = keys;
        _timeProvider = timeProvider;
        _tuning = tuning;
        _logger = logger;
        _pipeline = ProbePipeline.Create(timeProvider, tuning, LogRetry);
    }

    public async Task<ProbeResult> ProbeAsync(ModelDefinition model, ProbeTier tier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        cancellationToken.ThrowIfCancellationRequested();
        var startedAt = _timeProvider.GetUtcNow();
        if (model.NotProbedBecause is { } why)
        {
            return NotRun(model, tier, startedAt, null, why);
        }

        var key = _keys.GetKey(model.ApiKeyEnv)?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            var where = model.KeyOrigin is { } origin ? $"no key: {origin}" : $"set {model.ApiKeyEnv}";
            return NotRun(model, tier, startedAt, FailureKind.NoApiKey, where);
        }

        // A coding plan is probed through its quota endpoint whatever the API kind (see CodingPlanAdapter).
        var api = CodingPlans.Of(model) == CodingPlan.None ? model.Api : CodingPlanAdapter.ApiName;
        if (!_adapters.TryGetValue(api, out var adapter))
        {
            return NotRun(model, tier, startedAt, FailureKind.BadRequest, $"unsupported api '{model.Api}'");
        }

        if (!Uri.TryCreate(model.BaseUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            return NotRun(model, tier, startedAt, FailureKind.BadRequest, $"no usable base URL for provider '{model.Provider}'");
        }

        var run = new ProbeRun(adapter, model, tier, ProviderFamilies.Detect(model), model.BaseUrl!.TrimEnd('/'), key, cancellationToken);
        var timeout = model.Timeout > TimeSpan.Zero ? model.Timeout : _tuning.DefaultTimeout;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ProbePipeline.TimeoutKey, timeout);
        context.Properties.Set(ModelIdKey, model.Id);
        try
        {
            var outcome = await _pipeline.ExecuteAsync(static (ctx, r) => new ValueTask<AttemptOutcome>(r.NextAsync(ctx.CancellationToken)), context, run);
            return Result(model, tier, startedAt, run.Attempts, outcome);
        }
        catch (TimeoutRejectedException) when (!cancellationToken.IsCancellationRequested)
        {
            var outcome = AttemptOutcome.Failure(FailureKind.Timeout, $"no answer within {timeout.TotalSeconds:0.###} s", rule: "probe.timeout") with { Latency = timeout };
            return Result(model, tier, startedAt, run.Attempts, outcome);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ProbeResult NotRun(ModelDefinition model, ProbeTier tier, DateTimeOffset startedAt, FailureKind? kind, string message)
    {
        _logger.NotRun(model.Id, tier, kind, message);
        return Result(model, tier, startedAt, 0, AttemptOutcome.Failure(kind ?? FailureKind.Unknown, message)) with { Kind = kind, NotRun = true };
    }

    private static ProbeResult Result(ModelDefinition model, ProbeTier tier, DateTimeOffset startedAt, int attempts, AttemptOutcome outcome) =>
        new()
        {
            ModelId = model.Id,
            Provider = model.Provider,
            Api = model.Api,
            Tier = tier,
            Ok = outcome.Ok,
            Kind = outcome.Ok ? null : outcome.Kind ?? FailureKind.Unknown,
            HttpStatus = outcome.HttpStatus,
            Latency = outcome.Latency,
            RetryAfter = outcome.RetryAfter,
            ResetAt = outcome.ResetAt,
            Message = outcome.Message,
            RequestId = outcome.RequestId,
            StartedAt = startedAt,
            Attempts = attempts,
            IsUndetailedRateLimit = outcome.IsUndetailedRateLimit,
            Rule = outcome.Ok ? null : outcome.Rule,
            RateLimitHeaders = outcome.RateLimitHeaders,
            QuotaReply = outcome.QuotaReply,
        };

    private ValueTask LogRetry(Polly.Retry.OnRetryArguments<AttemptOutcome> args)
    {
        var modelId = args.Context.Properties.GetValue(ModelIdKey, "?");
        _logger.Retrying(modelId, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
        return ValueTask.CompletedTask;
    }

    /// <summary>Per-probe state shared by the attempts; holds the key, so not a record.</summary>
    private sealed class ProbeRun(
        IProviderAdapter adapter, ModelDefinition model, ProbeTier tier, ProviderFamily family, string baseUrl, string key, CancellationToken callerToken)
    {
        public int Attempts { get; private set; }

        public Task<AttemptOutcome> NextAsync(CancellationToken attemptToken)
        {
            Attempts++;
            return adapter.ProbeAsync(new ProbeAttempt(model, tier, family, baseUrl, key, Attempts, callerToken), attemptToken);
        }
    }
}
