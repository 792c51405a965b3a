using Guard.Configuration;
using Guard.Probing;
using Guard.Probing.Providers;
using Guard.Tests.Probing.Keys;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.Probing;

public sealed class ModelProberTests
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 12, 10, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(FailureKind.Network)]
    [InlineData(FailureKind.ServerError)]
    [InlineData(FailureKind.Overloaded)]
    public async Task ProbeAsync_TransientFailureThenOk_RetriesOnce(FailureKind first)
    {
        var adapter = new ScriptedAdapter(
            ScriptedAdapter.Returns(AttemptOutcome.Failure(first, "boom", 502)),
            ScriptedAdapter.Returns(new AttemptOutcome { Ok = true, HttpStatus = 200 }));

        var result = await Prober(adapter).ProbeAsync(Model(), ProbeTier.Deep, CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(2, result.Attempts);
        Assert.Equal([1, 2], adapter.Attempts.Select(a => a.Number));
    }

    [Theory]
    [InlineData(FailureKind.RateLimited, 429)]
    [InlineData(FailureKind.QuotaExhausted, 429)]
    [InlineData(FailureKind.AuthFailed, 401)]
    [InlineData(FailureKind.BadRequest, 400)]
    [InlineData(FailureKind.ContentFiltered, 200)]
    [InlineData(FailureKind.ModelNotFound, 404)]
    public async Task ProbeAsync_NonTransientFailure_DoesNotRetry(FailureKind kind, int status)
    {
        var adapter = new ScriptedAdapter(ScriptedAdapter.Returns(AttemptOutcome.Failure(kind, "no", status) with { RetryAfter = TimeSpan.FromSeconds(7) }));

        var result = await Prober(adapter).ProbeAsync(Model(), ProbeTier.Reach, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal(kind, result.Kind);
        Assert.Equal(status, result.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1, adapter.Calls);
    }

    [Fact]
    public async Task ProbeAsync_OverloadedWithLongRetryAfter_DoesNotRetryNow()
    {
        var adapter = new ScriptedAdapter(
            ScriptedAdapter.Returns(AttemptOutcome.Failure(FailureKind.Overloaded, "busy", 503) with { RetryAfter = TimeSpan.FromSeconds(30) }));

        var result = await Prober(adapter).ProbeAsync(Model(), ProbeTier.Deep, CancellationToken.None);

        Assert.Equal(FailureKind.Overloaded, result.Kind);
        Assert.Equal(1, adapter.Calls);
    }

    [Fact]
    public async Task ProbeAsync_PersistentServerError_ReportsFinalAttempt()
    {
        var adapter = new ScriptedAdapter(
            ScriptedAdapter.Returns(AttemptOutcome.Failure(FailureKind.ServerError, "first", 500)),
            ScriptedAdapter.Returns(AttemptOutcome.Failure(FailureKind.ServerError, "second", 502)));

        var result = await Prober(adapter).ProbeAsync(Model(), ProbeTier.Deep, CancellationToken.None);

        Assert.Equal(FailureKind.ServerError, result.Kind);
        Assert.Equal(502, result.HttpStatus);
        Assert.Equal("second", result.Message);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task ProbeAsync_NoAnswer_TimesOutTwiceOnTheFakeClock()
    {
        var adapter = new ScriptedAdapter(ScriptedAdapter.Hangs());
        var probe = Prober(adapter).ProbeAsync(Model(), ProbeTier.Deep, CancellationToken.None);

        await adapter.Entered(1);
        _time.Advance(ProbeTimeout);
        await adapter.Entered(2);
        _time.Advance(ProbeTimeout);
        var result = await probe;

        Assert.Equal(FailureKind.Timeout, result.Kind);
        Assert.Equal(2, result.Attempts);
        Assert.Null(result.HttpStatus);
        Assert.Equal(ProbeTimeout, result.Latency);
    }

    [Fact]
    public async Task ProbeAsync_CallerCancels_PropagatesCancellation()
    {
        var adapter = new ScriptedAdapter(ScriptedAdapter.Hangs());
        using var caller = new CancellationTokenSource();
        var probe = Prober(adapter).ProbeAsync(Model(), ProbeTier.Deep, caller.Token);

        await adapter.Entered(1);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe);
        Assert.Equal(1, adapter.Calls);
    }

    [Fact]
    public async Task ProbeAsync_EmptyKey_IsNoApiKeyWithoutAnAttempt()
    {
        var adapter = new ScriptedAdapter(ScriptedAdapter.Returns(new AttemptOutcome { Ok = true }));

        var result = await Prober(adapter, key: "  ").ProbeAsync(Model(), ProbeTier.Reach, CancellationToken.None);

        Assert.Equal(FailureKind.NoApiKey, result.Kind);
        Assert.Equal("set TEST_API_KEY", result.Message);
        Assert.Equal(0, result.Attempts);
        Assert.Equal(0, adapter.Calls);
    }

    [Fact]
    public async Task ProbeAsync_UnknownApi_IsBadRequestWithoutAnAttempt()
    {
        var adapter = new ScriptedAdapter(ScriptedAdapter.Returns(new AttemptOutcome { Ok = true }));

        var result = await Prober(adapter).ProbeAsync(Model() with { Api = "ollama" }, ProbeTier.Reach, CancellationToken.None);

        Assert.Equal(FailureKind.BadRequest, result.Kind);
        Assert.Equal(0, adapter.Calls);
    }

    [Fact]
    public async Task ProbeAsync_Ok_CarriesIdentityAndStartTime()
    {
        var adapter = new ScriptedAdapter(ScriptedAdapter.Returns(new AttemptOutcome { Ok = true, HttpStatus = 200, RequestId = "req_1" }));

        var result = await Prober(adapter).ProbeAsync(Model(), ProbeTier.Reach, CancellationToken.None);

        Assert.True(result is { Ok: true, Kind: null, ModelId: "lab/test-model", Provider: "lab", Tier: ProbeTier.Reach, RequestId: "req_1" });
        Assert.Equal(_time.GetUtcNow(), result.StartedAt);
        Assert.Equal("https://lab.example/v1", adapter.Attempts[0].BaseUrl);
    }

    private ModelProber Prober(ScriptedAdapter adapter, string key = "test-key-123") =>
        new(
            [adapter],
            new FixedApiKeySource(new Dictionary<string, string> { ["TEST_API_KEY"] = key }),
            _time,
            ProbeTuning.Default with { RetryDelayMin = TimeSpan.Zero, RetryDelayMax = TimeSpan.Zero },
            NullLogger<ModelProber>.Instance);

    private static ModelDefinition Model() =>
        new("lab/test-model", "lab", ApiKinds.OpenAiCompletions, "https://lab.example/v1/", "test-model", "TEST_API_KEY",
            [ProbeTier.Reach, ProbeTier.Deep], new Dictionary<string, string>(), ProbeTimeout, ModelSource.GuardConfig);
}
