using Guard.Configuration;
using Guard.Probing;

namespace Guard.ProcessHarness;

/// <summary>
/// Guard's own prober, except that while <c>freezeFile</c> exists every probe waits: the round never ends, the probe
/// loop stops beating, and the watchdog test sees systemd restart Guard. Substituted through the composition root's
/// overrides, so the product carries no freeze hook.
/// </summary>
internal sealed class FreezableProber(IModelProber inner, string freezeFile, TimeProvider time) : IModelProber
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    public async Task<ProbeResult> ProbeAsync(ModelDefinition model, ProbeTier tier, CancellationToken cancellationToken)
    {
        while (File.Exists(freezeFile))
        {
            await Task.Delay(PollEvery, time, cancellationToken).ConfigureAwait(false);
        }

        return await inner.ProbeAsync(model, tier, cancellationToken).ConfigureAwait(false);
    }
}
