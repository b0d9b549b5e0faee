using Daft.Datasets.Sources;
using Daft.Shared.Datasets;

namespace Daft.Coordinator.Cli.Data;

/// <summary>Turns the names given to <c>daft data fetch/check</c> into sources: a dataset's name stands for every
/// source the dataset reads (its file's <c>sources:</c>), any other name must be a source's own.</summary>
internal static class DataNames
{
    /// <summary>The sources, or null after writing one line per unknown name to <paramref name="error"/>.</summary>
    public static IReadOnlyList<DataSource>? Resolve(IEnumerable<string> names, string verb, TextWriter error)
    {
        var sources = new List<DataSource>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            if (DatasetConfigs.Find(name) is { } dataset)
                sources.AddRange(dataset.Sources.Select(s => SourceCatalog.Find(s)
                    ?? throw new InvalidOperationException($"Dataset '{dataset.Name}' ({dataset.SourceFile}) lists unknown source '{s}'.")));
            else if (SourceCatalog.Find(name) is { } source)
                sources.Add(source);
            else
                unknown.Add(name);
        }
        foreach (var name in unknown)
            error.WriteLine($"data {verb}: unknown dataset or source '{name}'. Datasets: {string.Join(", ", DatasetConfigs.Names)}. "
                + $"Sources: {string.Join(", ", SourceCatalog.All.Select(s => s.Name))}.");
        return unknown.Count == 0 ? sources.Distinct().ToList() : null;
    }
}
