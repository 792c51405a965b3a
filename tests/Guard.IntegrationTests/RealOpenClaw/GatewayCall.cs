namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>One streaming completion the gateway sent to a scripted provider: which, how it was answered, when it arrived.</summary>
public sealed record GatewayCall(string Provider, ProviderBehaviour Behaviour, DateTimeOffset At);
