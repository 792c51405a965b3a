using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Guard.Configuration;
using Guard.Probing;

namespace Guard.IntegrationTests.Probing;

/// <summary>Real timeouts, dropped connections and refused connects, with short timeouts to keep the suite fast.</summary>
public sealed class TransportFailureTests : IAsyncLifetime
{
    private const double TimeoutSeconds = 0.4;

    private ProbeHarness _h = null!;

    public async Task InitializeAsync() => _h = await ProbeHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ServerNeverAnswers_IsTimeoutAfterTwoAttempts()
    {
        _h.Server.On("POST", "/v1/chat/completions", ScriptedResponse.Hang());
        var stopwatch = Stopwatch.StartNew();

        var result = await _h.ProbeAsync(Model(), ProbeTier.Deep);

        Assert.Equal(FailureKind.Timeout, result.Kind);
        Assert.Equal(2, result.Attempts);
        Assert.Null(result.HttpStatus);
        Assert.Equal(2, _h.StepLogs.Count(l => Equals(l.Properties["Kind"], FailureKind.Timeout)));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task SlowAnswerWithinTimeout_IsOk()
    {
        _h.Server.On("POST", "/v1/chat/completions",
            ScriptedResponse.Json(200, ProviderBodies.ChatCompletionLength("gpt-4o-mini")).After(TimeSpan.FromMilliseconds(50)));

        var result = await _h.ProbeAsync(Model(), ProbeTier.Deep);

        Assert.True(result.Ok, result.Message);
    }

    [Fact]
    public async Task NeverEndingBody_DoesNotHangPastTheTimeout()
    {
        _h.Server.On("GET", "/v1/models", ScriptedResponse.Trickle());
        var stopwatch = Stopwatch.StartNew();

        var result = await _h.ProbeAsync(Model(), ProbeTier.Reach);

        Assert.Equal(FailureKind.Timeout, result.Kind);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task DroppedConnection_IsNetworkAfterOneRetry()
    {
        _h.Server.On("POST", "/v1/chat/completions", ScriptedResponse.Drop());

        var result = await _h.ProbeAsync(Model(), ProbeTier.Deep);

        Assert.Equal(FailureKind.Network, result.Kind);
        Assert.Equal(2, result.Attempts);
        Assert.Null(result.HttpStatus);
    }

    [Fact]
    public async Task DroppedOnceThenAnswered_IsOkOnTheRetry()
    {
        _h.Server.On("POST", "/v1/chat/completions",
            ScriptedResponse.Drop(), ScriptedResponse.Json(200, ProviderBodies.ChatCompletionLength("gpt-4o-mini")));

        var result = await _h.ProbeAsync(Model(), ProbeTier.Deep);

        Assert.True(result.Ok, result.Message);
        Assert.Equal(2, result.Attempts);
        Assert.Equal([Microsoft.Extensions.Logging.LogLevel.Warning, Microsoft.Extensions.Logging.LogLevel.Information], _h.StepLogs.Select(l => l.Level));
    }

    [Fact]
    public async Task ConnectionRefused_IsNetwork()
    {
        var closedPort = ClosedPort();
        var model = _h.Model("openai", ApiKinds.OpenAiCompletions, "gpt-4o-mini", "/v1", TimeoutSeconds) with
        {
            BaseUrl = $"http://127.0.0.1:{closedPort}/v1",
        };

        var result = await _h.ProbeAsync(model, ProbeTier.Reach);

        Assert.Equal(FailureKind.Network, result.Kind);
        Assert.StartsWith("ConnectionError", result.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task CallerCancellation_PropagatesInsteadOfTimeout()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Server.On("POST", "/v1/chat/completions", _ =>
        {
            arrived.TrySetResult();
            return ScriptedResponse.Hang();
        });
        using var caller = new CancellationTokenSource();
        var probe = _h.Prober.ProbeAsync(_h.Model("openai", ApiKinds.OpenAiCompletions, "gpt-4o-mini", "/v1", timeoutSeconds: 30), ProbeTier.Deep, caller.Token);

        await arrived.Task;
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe);
        Assert.Single(_h.Server.Requests);
    }

    private ModelDefinition Model() => _h.Model("openai", ApiKinds.OpenAiCompletions, "gpt-4o-mini", "/v1", TimeoutSeconds);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
