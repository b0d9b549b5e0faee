namespace Daft.GpuNode.Data;

/// <summary>
/// Finds files of the repository's <c>samples/</c> folder (small datasets shipped with Daft) with no setup: walks up
/// from the executable's folder (the build copies <c>samples/</c> next to <c>daft-node</c>, and <c>bin/</c> sits
/// inside the repository) and then from the current directory (a checkout's root or any folder below it).
/// </summary>
public static class SampleFiles
{
    public const string FolderName = "samples";

    /// <summary>The folders whose ancestors are searched, in order.</summary>
    public static IReadOnlyList<string> SearchStarts =>
        [.. new[] { AppContext.BaseDirectory, Environment.CurrentDirectory }.Select(Path.GetFullPath).Distinct()];

    /// <summary>The first existing <c>&lt;ancestor&gt;/samples/&lt;relativePath&gt;</c> above the given folders
    /// (default <see cref="SearchStarts"/>), or null.</summary>
    public static string? Find(string relativePath, IReadOnlyList<string>? searchStarts = null)
    {
        foreach (var start in searchStarts ?? SearchStarts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, FolderName, relativePath);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }
}
