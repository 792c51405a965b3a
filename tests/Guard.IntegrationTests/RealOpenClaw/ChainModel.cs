namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>One model of a test home's chain: the OpenClaw provider id (also the stub's path), its model, its key and how the home holds it.</summary>
public sealed record ChainModel(string Provider, string Model, string Key, KeyShape Shape)
{
    public string Id => $"{Provider}/{Model}";
}
