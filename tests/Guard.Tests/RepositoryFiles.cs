namespace Guard.Tests;

/// <summary>The checkout the tests run from: for tests that read Guard's own sources and documents.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every C# file of the product, with its path relative to <c>src/Guard</c>.</summary>
    public static IEnumerable<(string Path, string Text)> ProductSources()
    {
        var src = Path.Combine(Root, "src", "Guard");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(src, f), File.ReadAllText(f)));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Guard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Guard.sln above {AppContext.BaseDirectory}");
    }
}
