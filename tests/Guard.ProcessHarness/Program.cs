using Guard.ProcessHarness;

return args switch
{
    ["write-state", var directory] => await StateWriter.RunAsync(directory),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Guard.ProcessHarness write-state <dir>");
    return 64;
}
