namespace Daft.Coordinator.Results.Plots;

/// <summary>One setting as a point: mean ± std of ID val (x) and of the OOD set (y) over its replicates.</summary>
public sealed record IdOodPoint(string Method, string Hyper, Spread Id, Spread Ood, bool Chosen)
{
    /// <summary>"ft lr=0.001", "lp".</summary>
    public string Label => Hyper.Length == 0 ? Method : $"{Method} {Hyper}";
}

/// <summary>
/// What an ID-vs-OOD scatter shows for one (dataset, model) and OOD set: every setting that measured both, each
/// method's choice (best mean ID-val accuracy) marked <see cref="IdOodPoint.Chosen"/>, the others shown faded.
/// </summary>
public sealed record IdOodChart(string Dataset, string Model, string OodSet, IReadOnlyList<IdOodPoint> Points)
{
    public IEnumerable<IdOodPoint> Chosen => Points.Where(point => point.Chosen);

    public IEnumerable<IdOodPoint> Others => Points.Where(point => !point.Chosen);
}

/// <summary>Selects the data of <see cref="IdOodChart"/>s from aggregated cells. Pure.</summary>
public static class IdOodSelection
{
    /// <summary>One chart per (dataset, model) and OOD set; none for a pair without OOD sets.</summary>
    public static IReadOnlyList<IdOodChart> Charts(IReadOnlyList<ResultCell> cells) =>
    [
        .. ChartMetrics.ByDatasetAndModel(cells).SelectMany(pair => ChartMetrics.OodSets(pair).Select(set => Chart([.. pair], set))),
    ];

    /// <param name="cells">the cells of one (dataset, model).</param>
    /// <param name="oodSet">the OOD set on the y axis.</param>
    public static IdOodChart Chart(IReadOnlyList<ResultCell> cells, string oodSet) => new(cells[0].Dataset, cells[0].Model, oodSet,
    [
        .. cells.SelectMany(cell => cell.Groups
            .Where(group => group.Metrics.ContainsKey(ResultAggregator.IdMetric) && group.Metrics.ContainsKey(oodSet))
            .Select(group => new IdOodPoint(cell.Method, group.Hyper, group.Metrics[ResultAggregator.IdMetric], group.Metrics[oodSet],
                ReferenceEquals(group, cell.Best)))),
    ]);
}
