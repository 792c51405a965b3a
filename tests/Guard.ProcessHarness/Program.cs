using Guard.ProcessHarness;

return args switch
{
    ["write-state", var directory] => await StateWriter.RunAsync(directory),
    ["deliver-outbox", var directory, var endpoint] => await OutboxDeliverer.RunAsync(directory, endpoint),
    ["guard-freezable-probes", var freezeFile, .. var guardArguments] => await FrozenProbeGuard.RunAsync(freezeFile, guardArguments),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Guard.ProcessHarness write-state <dir> | deliver-outbox <dataDir> <endpointUrl> | guard-freezable-probes <freezeFile> <guard arguments>");
    return 64;
}
