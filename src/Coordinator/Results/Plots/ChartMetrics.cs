namespace Daft.Coordinator.Results.Plots;

/// <summary>
/// Which metrics a (dataset, model) pair has and what to call them: ID validation first
/// (<see cref="ResultAggregator.IdMetric"/>), then each OOD set by name. Every metric is an accuracy in percent.
/// </summary>
public static class ChartMetrics
{
    /// <summary>Every metric any setting of the cells measured: id_val first, then the OOD sets in ordinal order.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<ResultCell> cells) =>
    [
        .. cells.SelectMany(cell => cell.Groups).SelectMany(group => group.Metrics.Keys).Distinct(StringComparer.Ordinal)
            .OrderBy(name => name == ResultAggregator.IdMetric ? 0 : 1).ThenBy(name => name, StringComparer.Ordinal),
    ];

    /// <summary>The OOD sets of the cells: every metric but id_val.</summary>
    public static IReadOnlyList<string> OodSets(IEnumerable<ResultCell> cells) => [.. Of(cells).Where(name => name != ResultAggregator.IdMetric)];

    /// <summary>"ID val accuracy (%)", "OOD accuracy on mnist_m (%)".</summary>
    public static string AxisLabel(string metric) => $"{Title(metric)} (%)";

    /// <summary>"ID val accuracy", "OOD accuracy on mnist_m".</summary>
    public static string Title(string metric) => metric == ResultAggregator.IdMetric ? "ID val accuracy" : $"OOD accuracy on {metric}";

    /// <summary>The cells grouped by (dataset, model), in the order the pairs first appear.</summary>
    public static IEnumerable<IGrouping<(string Dataset, string Model), ResultCell>> ByDatasetAndModel(IEnumerable<ResultCell> cells) =>
        cells.GroupBy(cell => (cell.Dataset, cell.Model));
}
