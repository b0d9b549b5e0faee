namespace Daft.Datasets.Sources;

/// <summary>What a layout check found for one source under a data root: nothing (complete), or each problem as a
/// sentence that names the path and what was expected there.</summary>
public sealed record LayoutReport(string Source, string DataRoot, IReadOnlyList<string> Problems)
{
    public bool IsComplete => Problems.Count == 0;

    public static LayoutReport Of(string source, string dataRoot, IEnumerable<string> problems) =>
        new(source, Path.GetFullPath(dataRoot), [.. problems]);
}
