namespace Daft.Datasets.Files;

/// <summary>How readers and layout checks report listed files that are not on disk: a count and the first few, so a
/// message stays one readable line even when a whole domain's 50,000 images are missing.</summary>
public static class MissingFiles
{
    /// <summary>How many missing files a message names.</summary>
    public const int Shown = 5;

    /// <summary>The items of <paramref name="listed"/> whose path does not exist, in list order.</summary>
    public static List<T> Find<T>(IEnumerable<T> listed, Func<T, string> path) => [.. listed.Where(item => !File.Exists(path(item)))];

    /// <summary>"3 of 1,234 (first: 'a', 'b', 'c')", naming each of the first <see cref="Shown"/> by <paramref name="name"/>.</summary>
    public static string Summary<T>(IReadOnlyList<T> missing, int total, Func<T, string> name)
    {
        var first = string.Join(", ", missing.Take(Shown).Select(name));
        var more = missing.Count > Shown ? ", ..." : "";
        return $"{missing.Count:N0} of {total:N0} (first: {first}{more})";
    }
}
