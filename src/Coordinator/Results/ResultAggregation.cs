using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Results;

/// <summary>
/// One job as the tables see it: its cell (dataset, model, method), its hyperparameters ("lr=0.001 head_lr=0.1"), its
/// replicate, how it ended, and — when it succeeded — the accuracy in percent of every evaluation set at its chosen
/// epoch (the one with the best ID-val accuracy), ID val under <see cref="ResultAggregator.IdMetric"/>.
/// </summary>
public sealed record ResultRow(
    string JobId,
    string Dataset,
    string Model,
    string Method,
    string Hyper,
    int RunNum,
    JobState State,
    string? Reason,
    IReadOnlyDictionary<string, double>? Accuracies);

/// <summary>
/// Mean, sample standard deviation (n − 1; null for one value) and count of one metric over replicates.
/// <see cref="Interval90"/> is the LP-FT repository's spread, 1.645·std/√n (a 90% interval under a normal approximation).
/// </summary>
public sealed record Spread(double Mean, double? Std, int N)
{
    public double? Interval90 => Std is { } std ? 1.645 * std / Math.Sqrt(N) : null;

    public static Spread Of(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        double? std = values.Count < 2 ? null : Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Count - 1));
        return new Spread(mean, std, values.Count);
    }
}

/// <summary>A replicate that gave no result, and why: failed, cancelled, or not run yet.</summary>
public sealed record MissingRun(int RunNum, string JobId, JobState State, string? Reason);

/// <summary>One hyperparameter setting of a cell, over its replicates: each metric's spread, and the replicates missing.</summary>
public sealed record HyperGroup(string Hyper, IReadOnlyDictionary<string, Spread> Metrics, int Runs, IReadOnlyList<MissingRun> Missing);

/// <summary>
/// One (dataset, model, method) cell: the hyperparameters chosen (<see cref="Best"/>: the best mean ID-val accuracy;
/// null when no replicate of any setting succeeded) and every setting, in the order they were first seen.
/// </summary>
public sealed record ResultCell(string Dataset, string Model, string Method, HyperGroup? Best, IReadOnlyList<HyperGroup> Groups);

/// <summary>
/// The LP-FT convention (daft-spec §2.3, §6): per job the best-ID-val epoch (already in its result); per cell the
/// setting with the best mean ID-val accuracy over its succeeded replicates; ties go to the setting with more succeeded
/// replicates, then to the one seen first. Replicates that did not succeed are never dropped silently: each group lists
/// them. Pure: the tables, the CLI and the HTTP API all read it.
/// </summary>
public static class ResultAggregator
{
    /// <summary>The metric that selects hyperparameters: ID validation accuracy.</summary>
    public const string IdMetric = "id_val";

    /// <summary>
    /// The cells of <paramref name="rows"/>, each with the setting of the best mean <paramref name="selectBy"/> accuracy
    /// (ID val by default; an OOD set's name gives the "oracle" selection some papers report beside it).
    /// </summary>
    public static IReadOnlyList<ResultCell> Aggregate(IEnumerable<ResultRow> rows, string selectBy = IdMetric)
    {
        var cells = new List<ResultCell>();
        foreach (var cell in rows.GroupBy(row => (row.Dataset, row.Model, row.Method)))
        {
            var groups = cell.GroupBy(row => row.Hyper, StringComparer.Ordinal).Select(Group).ToList();
            var best = groups
                .Select((group, order) => (group, order))
                .Where(pair => pair.group.Metrics.ContainsKey(selectBy))
                .OrderByDescending(pair => pair.group.Metrics[selectBy].Mean)
                .ThenByDescending(pair => pair.group.Metrics[selectBy].N)
                .ThenBy(pair => pair.order)
                .Select(pair => pair.group)
                .FirstOrDefault();
            cells.Add(new ResultCell(cell.Key.Dataset, cell.Key.Model, cell.Key.Method, best, groups));
        }

        return cells;
    }

    private static HyperGroup Group(IGrouping<string, ResultRow> runs)
    {
        var succeeded = runs.Where(run => run.State == JobState.Succeeded && run.Accuracies is not null).ToList();
        var metrics = succeeded
            .SelectMany(run => run.Accuracies!)
            .GroupBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => Spread.Of([.. group.Select(pair => pair.Value)]), StringComparer.Ordinal);
        var missing = runs.Except(succeeded).OrderBy(run => run.RunNum)
            .Select(run => new MissingRun(run.RunNum, run.JobId, run.State, run.Reason)).ToList();
        return new HyperGroup(runs.Key, metrics, runs.Count(), missing);
    }
}
