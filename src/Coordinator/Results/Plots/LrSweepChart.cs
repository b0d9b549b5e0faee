namespace Daft.Coordinator.Results.Plots;

/// <summary>One setting on an accuracy-vs-LR line: its learning rate, the metric over its replicates, and whether it is the cell's choice.</summary>
public sealed record LrPoint(double Lr, Spread Accuracy, bool Chosen);

/// <summary>
/// One line: a method's settings that share every hyperparameter but <c>lr</c> (<see cref="Fixed"/>, e.g.
/// "head_lr=0.1" for DAFT, "" for FT and LP-FT), ordered by learning rate.
/// </summary>
public sealed record LrSeries(string Method, string Fixed, IReadOnlyList<LrPoint> Points)
{
    /// <summary>"ft", "daft, head_lr=0.1".</summary>
    public string Label => Fixed.Length == 0 ? Method : $"{Method}, {Fixed}";
}

/// <summary>A method without a learning rate (LP: its C is chosen inside the job): its chosen setting as a horizontal line.</summary>
public sealed record LrReference(string Method, Spread Accuracy);

/// <summary>
/// What an accuracy-vs-LR plot shows for one (dataset, model) and one metric: a line per method (DAFT: per head_lr),
/// the point each method chose by mean ID-val accuracy marked on it — on an OOD plot too, where it is the setting ID
/// chose, not the best OOD one — and a reference line per method without a learning rate.
/// </summary>
public sealed record LrSweepChart(string Dataset, string Model, string Metric, IReadOnlyList<LrSeries> Series, IReadOnlyList<LrReference> References)
{
    public bool IsEmpty => Series.Count == 0 && References.Count == 0;
}

/// <summary>Selects the data of <see cref="LrSweepChart"/>s from aggregated cells. Pure.</summary>
public static class LrSweepSelection
{
    /// <summary>One chart per (dataset, model) and metric (ID val, then each OOD set).</summary>
    public static IReadOnlyList<LrSweepChart> Charts(IReadOnlyList<ResultCell> cells) =>
    [
        .. ChartMetrics.ByDatasetAndModel(cells).SelectMany(pair => ChartMetrics.Of(pair).Select(metric => Chart([.. pair], metric))),
    ];

    /// <param name="cells">the cells of one (dataset, model); a method appears in the order its cell does.</param>
    /// <param name="metric">id_val or an OOD set.</param>
    public static LrSweepChart Chart(IReadOnlyList<ResultCell> cells, string metric)
    {
        var series = new List<LrSeries>();
        var references = new List<LrReference>();
        foreach (var cell in cells)
        {
            var measured = cell.Groups.Where(group => group.Metrics.ContainsKey(metric))
                .Select(group => (Group: group, Split: Hyperparameters.SplitLearningRate(group.Hyper))).ToList();
            foreach (var line in measured.Where(entry => entry.Split.Lr is not null).GroupBy(entry => entry.Split.Others, StringComparer.Ordinal))
            {
                series.Add(new LrSeries(cell.Method, line.Key,
                [
                    .. line.OrderBy(entry => entry.Split.Lr)
                        .Select(entry => new LrPoint(entry.Split.Lr!.Value, entry.Group.Metrics[metric], ReferenceEquals(entry.Group, cell.Best))),
                ]));
            }

            // A method without lr has one setting per cell in practice (LP); its choice is the reference line.
            if (cell.Best is { } best && Hyperparameters.SplitLearningRate(best.Hyper).Lr is null && best.Metrics.TryGetValue(metric, out var value))
            {
                references.Add(new LrReference(cell.Method, value));
            }
        }

        return new LrSweepChart(cells[0].Dataset, cells[0].Model, metric, series, references);
    }
}
