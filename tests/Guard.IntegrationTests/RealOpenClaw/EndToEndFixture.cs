using Guard.IntegrationTests.Systemd;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// The end-to-end class's private systemd user manager and one <see cref="EndToEndBed"/> per release, built at the
/// release's first phase and kept until the class is done (an idle gateway costs memory, not CPU): however the runner
/// interleaves releases, each home is set up once.
/// </summary>
public sealed class EndToEndFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    private readonly PrivateUserManager _manager = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, EndToEndBed> _beds = new(StringComparer.Ordinal);

    public Task InitializeAsync() => _manager.StartAsync();

    public async Task<EndToEndBed> BedAsync(string version)
    {
        await _gate.WaitAsync();
        try
        {
            if (_beds.TryGetValue(version, out var bed))
            {
                return bed;
            }

            bed = await EndToEndBed.StartAsync(_manager, OpenClawReleases.Named(version), OpenClawGatewayUnit.Name.Replace(".service", $"-e2e{_beds.Count}.service", StringComparison.Ordinal));
            _beds[version] = bed;
            diagnostics.OnMessage(new DiagnosticMessage(
                $"OpenClaw {version}: install/cache {bed.InstallTime.TotalSeconds:F1} s, home + gateway unit {bed.SetUpTime.TotalSeconds:F1} s"));
            return bed;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var bed in _beds.Values)
        {
            await bed.DisposeAsync();
        }

        await _manager.StopAsync();
        _gate.Dispose();
    }
}
