using Guard.Configuration;
using Guard.Drill;
using Guard.Probing;
using NSubstitute;

namespace Guard.Tests.Drill;

public sealed class AuthDrillTests
{
    private static readonly ModelDefinition Model = ModelCatalog.Resolve(
        new ModelOptions { Id = "openai/gpt-4o-mini", Tiers = [ProbeTier.Reach] }, TimeSpan.FromSeconds(5), ModelSource.GuardConfig);

    [Theory]
    [InlineData(FailureKind.AuthFailed, 401, true, "AuthFailed as expected")]
    [InlineData(FailureKind.Forbidden, 403, true, "Forbidden as expected")]
    [InlineData(FailureKind.Network, null, false, "could not reach the provider (Network")]
    [InlineData(FailureKind.Timeout, null, false, "could not reach the provider (Timeout")]
    [InlineData(FailureKind.ServerError, 500, false, "misclassified: ServerError")]
    [InlineData(FailureKind.RateLimited, 429, false, "misclassified: RateLimited")]
    public void Judge_MapsEachKindToPassOrAnActionableFailure(FailureKind kind, int? status, bool passed, string verdict)
    {
        var row = AuthDrill.Judge(Model, ProbeTier.Reach, Result(ok: false, kind, status));

        Assert.Equal(passed, row.Passed);
        Assert.StartsWith(verdict, row.Verdict, StringComparison.Ordinal);
        Assert.Equal("reach", row.Tier);
    }

    [Fact]
    public void Judge_ProviderAcceptsTheCorruptedKey_Fails()
    {
        var row = AuthDrill.Judge(Model, ProbeTier.Reach, Result(ok: true, null, 200));

        Assert.False(row.Passed);
        Assert.Contains("ACCEPTED", row.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ProbesReachTierOfEveryModel()
    {
        var deepOnly = Model with { Id = "openai/deep-only", Tiers = [ProbeTier.Deep] };
        var prober = Substitute.For<IModelProber>();
        prober.ProbeAsync(Arg.Any<ModelDefinition>(), Arg.Any<ProbeTier>(), Arg.Any<CancellationToken>())
            .Returns(call => Result(false, FailureKind.AuthFailed, 401));

        var rows = await AuthDrill.RunAsync(prober, [Model, deepOnly], CancellationToken.None);

        Assert.Equal(["reach", "deep"], rows.Select(r => r.Tier));
        await prober.Received(1).ProbeAsync(Model, ProbeTier.Reach, Arg.Any<CancellationToken>());
        await prober.Received(1).ProbeAsync(deepOnly, ProbeTier.Deep, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void CorruptedKey_IsTheSameForEveryVariableAndLooksLikeAKey()
    {
        var keys = new CorruptedApiKeySource();

        Assert.Equal(keys.GetKey("OPENAI_API_KEY"), keys.GetKey("MISSING_VAR"));
        Assert.StartsWith("sk-", keys.GetKey("X"), StringComparison.Ordinal);
    }

    private static ProbeResult Result(bool ok, FailureKind? kind, int? status) => new()
    {
        ModelId = Model.Id, Provider = Model.Provider, Api = Model.Api, Tier = ProbeTier.Reach, Ok = ok, Kind = kind, HttpStatus = status,
        Message = "detail",
    };
}
