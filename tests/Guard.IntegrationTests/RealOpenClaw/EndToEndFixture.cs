using Guard.IntegrationTests.Systemd;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// The end-to-end class's private systemd user manager and its one live <see cref="EndToEndBed"/>: phases run release
/// by release (<see cref="PhaseOrderer"/>), so a bed is built at a release's first phase and torn down at the next
/// release's — one gateway at a time on a two-core machine.
/// </summary>
public sealed class EndToEndFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    private readonly PrivateUserManager _manager = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private EndToEndBed? _bed;

    public Task InitializeAsync() => _manager.StartAsync();

    public async Task<EndToEndBed> BedAsync(string version)
    {
        await _gate.WaitAsync();
        try
        {
            if (_bed?.Release.Version == version)
            {
                return _bed;
            }

            if (_bed is not null)
            {
                await _bed.DisposeAsync();
                _bed = null;
            }

            _bed = await EndToEndBed.StartAsync(_manager, OpenClawReleases.Named(version));
            diagnostics.OnMessage(new DiagnosticMessage(
                $"OpenClaw {version}: install/cache {_bed.InstallTime.TotalSeconds:F1} s, home + gateway unit {_bed.SetUpTime.TotalSeconds:F1} s"));
            return _bed;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_bed is not null)
        {
            await _bed.DisposeAsync();
        }

        await _manager.StopAsync();
        _gate.Dispose();
    }
}
