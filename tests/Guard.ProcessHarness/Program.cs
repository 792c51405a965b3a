using Guard.ProcessHarness;

return args switch
{
    ["write-state", var directory] => await StateWriter.RunAsync(directory),
    ["deliver-outbox", var directory, var endpoint] => await OutboxDeliverer.RunAsync(directory, endpoint),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Guard.ProcessHarness write-state <dir> | deliver-outbox <dataDir> <endpointUrl>");
    return 64;
}
