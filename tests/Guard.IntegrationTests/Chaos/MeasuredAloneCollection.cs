namespace Guard.IntegrationTests.Chaos;

/// <summary>
/// Tests that bound the process's managed memory: <see cref="GC.GetTotalMemory"/> counts every test running in
/// parallel, so these run with no other collection beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAloneCollection
{
    public const string Name = "Measured alone";
}
