using Guard.Chain;
using Guard.Configuration;
using Guard.Logging;
using Guard.Probing;
using Guard.Quota;
using Guard.Quota.Alerts;
using Guard.Quota.Transcripts;
using Guard.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.Quota;

/// <summary>
/// New assistant turns in transcripts as passive health evidence: a served turn moves the deep-probe clock, a failed
/// one is classified and forces the next deep probe; history read at start-up is no evidence; nothing is a probe round.
/// </summary>
public sealed class TranscriptEvidenceTests : IDisposable
{
    private const string Model = "zhipu/glm-4.7";
    private static readonly DateTimeOffset Start = new(2026, 2, 12, 9, 0, 0, TimeSpan.Zero);

    private readonly OpenClawHome _home = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly StateStore _store;
    private readonly QuotaCheck _check;
    private readonly string _transcript;

    public TranscriptEvidenceTests()
    {
        var options = new GuardOptions { DataDirectory = _home.DataDirectory, OpenClaw = { AgentsDirectory = _home.AgentsDirectory } };
        Directory.CreateDirectory(_home.DataDirectory);
        var state = new GuardState();
        state.Models[Model] = new ModelState { Health = ModelHealth.Healthy, LastDeepProbe = Start.AddMinutes(-5), LastSuccess = Start.AddMinutes(-5) };
        _store = new StateStore(state, StateFile.PathIn(_home.DataDirectory));
        var live = new LiveOptions(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        _check = new QuotaCheck(
            live, new ModelChain(), _store, new RecordingAlertPublisher(), new CriticalCommandRunner(_time, SecretRedactor.Default, NullLogger<CriticalCommandRunner>.Instance), _time, NullLogger<QuotaCheck>.Instance);
        _transcript = _home.Transcript("5e1d-live");
    }

    public void Dispose()
    {
        _check.Dispose();
        _home.Dispose();
    }

    private ModelState State => _store.Read(s => s.Models[Model]);

    private async Task CycleAt(DateTimeOffset at)
    {
        _time.SetUtcNow(at);
        await _check.RunCycleAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_served_turn_moves_the_deep_probe_clock_and_is_counted_never_as_a_probe_round()
    {
        OpenClawHome.Append(_transcript, TranscriptLines.Session("5e1d-live", Start.AddHours(-2)));
        await CycleAt(Start);
        var served = Start.AddMinutes(3);
        OpenClawHome.Append(_transcript, TranscriptLines.Assistant(served, "zhipu", "glm-4.7", 100, 20));

        await CycleAt(Start.AddMinutes(4));

        Assert.Equal(served, State.LastDeepProbe);
        Assert.Equal(0, State.ConsecutiveFailures);
        Assert.Null(State.LastCheck);
        var counted = _store.Read(s => s.Quota!.Evidence[Model]);
        Assert.Equal((1L, 0L, (DateTimeOffset?)served), (counted.Ok, counted.Failed, counted.LastOkAt));
    }

    [Fact]
    public async Task A_failed_turn_is_classified_and_forces_the_next_deep_probe()
    {
        OpenClawHome.Append(_transcript, TranscriptLines.Session("5e1d-live", Start));
        await CycleAt(Start);
        var failed = Start.AddMinutes(2);
        OpenClawHome.Append(_transcript, TranscriptLines.ErrorTurn(failed, "zhipu", "glm-4.7", "429 余额不足或无可用资源包,请充值。 insufficient balance"));

        await CycleAt(Start.AddMinutes(3));

        Assert.Null(State.LastDeepProbe);
        Assert.Equal(0, State.ConsecutiveFailures);
        var counted = _store.Read(s => s.Quota!.Evidence[Model]);
        Assert.Equal((0L, 1L, (DateTimeOffset?)failed), (counted.Ok, counted.Failed, counted.LastFailedAt));
        Assert.Equal((FailureKind.QuotaExhausted, (int?)429), TurnFailureClassifier.Classify(counted.LastFailedMessage));
    }

    [Fact]
    public async Task History_read_at_start_up_is_no_evidence_but_turns_written_after_start_are()
    {
        OpenClawHome.Append(
            _transcript,
            TranscriptLines.Session("5e1d-live", Start.AddHours(-3)),
            TranscriptLines.ErrorTurn(Start.AddHours(-2), "zhipu", "glm-4.7", "401 invalid api key"),
            TranscriptLines.Assistant(Start.AddHours(-1), "zhipu", "glm-4.7", 100, 20));

        await CycleAt(Start);

        Assert.Equal(Start.AddMinutes(-5), State.LastDeepProbe);
        Assert.False(_store.Read(s => s.Quota!.Evidence.ContainsKey(Model)));
        Assert.Equal(1, _store.Read(s => s.Quota!.Usage[Model].Buckets.Sum(b => b.Requests)));

        // A new session file after start is read from its beginning, and its turns are new.
        var fresh = _home.Transcript("77aa-new");
        OpenClawHome.Append(fresh, TranscriptLines.Session("77aa-new", Start.AddMinutes(1)), TranscriptLines.Assistant(Start.AddMinutes(1), "zhipu", "glm-4.7", 5, 5));
        await CycleAt(Start.AddMinutes(2));

        Assert.Equal(Start.AddMinutes(1), State.LastDeepProbe);
    }

    [Fact]
    public async Task A_failing_model_is_not_declared_healthy_by_a_served_turn_and_unknown_models_are_ignored()
    {
        _store.Update(s => s.Models[Model] = new ModelState { Health = ModelHealth.Down, ConsecutiveFailures = 3, LastDeepProbe = Start.AddMinutes(-5), DeepFailureKind = FailureKind.Timeout });
        OpenClawHome.Append(_transcript, TranscriptLines.Session("5e1d-live", Start));
        await CycleAt(Start);
        OpenClawHome.Append(
            _transcript,
            TranscriptLines.Assistant(Start.AddMinutes(1), "zhipu", "glm-4.7", 1, 1),
            TranscriptLines.Assistant(Start.AddMinutes(1), "openrouter", "not/probed", 1, 1));

        await CycleAt(Start.AddMinutes(2));

        Assert.Equal((3, ModelHealth.Down, (DateTimeOffset?)Start.AddMinutes(-5)), (State.ConsecutiveFailures, State.Health, State.LastDeepProbe));
        Assert.False(_store.Read(s => s.Models.ContainsKey("openrouter/not/probed")));
        Assert.Equal(1, _store.Read(s => s.Quota!.Evidence["openrouter/not/probed"].Ok));
    }

    [Theory]
    [InlineData("Cloud Code Assist API error (429): You have exhausted your gemini-3-flash quota", FailureKind.QuotaExhausted, 429)]
    [InlineData("429 Rate limit reached for requests", FailureKind.RateLimited, 429)]
    [InlineData("401 Incorrect API key provided", FailureKind.AuthFailed, 401)]
    [InlineData("503 The engine is currently overloaded, please try again later", FailureKind.ServerError, 503)]
    [InlineData("Request timed out.", FailureKind.Timeout, null)]
    [InlineData("Connection error.", FailureKind.Network, null)]
    [InlineData("model glm-9 costs 1.429 per 1000 tokens", FailureKind.Unknown, null)]
    public void Error_messages_are_classified_like_gateway_log_details(string message, FailureKind kind, int? status) =>
        Assert.Equal((kind, status), TurnFailureClassifier.Classify(message));
}
