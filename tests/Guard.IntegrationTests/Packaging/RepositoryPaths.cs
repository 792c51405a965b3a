namespace Guard.IntegrationTests.Packaging;

/// <summary>The repository checkout the tests run from (the folder holding Guard.sln).</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Join(directory.FullName, "Guard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Guard.sln above {AppContext.BaseDirectory}");
    });

    public static string Root => RootPath.Value;

    public static string Packaging => Path.Join(Root, "packaging");

    /// <summary>The <c>&lt;Version&gt;</c> of src/Guard/Guard.csproj, which the package and <c>--version</c> carry.</summary>
    public static string GuardVersion =>
        System.Xml.Linq.XDocument.Load(Path.Join(Root, "src", "Guard", "Guard.csproj")).Descendants("Version").First().Value;
}
