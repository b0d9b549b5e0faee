namespace Daft.Tests.Support;

/// <summary>Finds files of the repository from a test's output folder (bin/Release/net10.0 under the test project).</summary>
internal static class RepoPaths
{
    /// <summary>The folder that holds Daft.sln, found by walking up from the test assembly's folder.</summary>
    public static string Root { get; } = FindRoot();

    public static string JobsFolder => Path.Combine(Root, "configs", "jobs");

    public static string QuickstartFolder => Path.Combine(Root, "configs", "quickstart");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Daft.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Daft.sln above {AppContext.BaseDirectory}.");
    }
}
