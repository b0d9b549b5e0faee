using System.Globalization;

namespace Daft.Coordinator.Results;

/// <summary>
/// A plain-text summary of aggregated cells: one row per (dataset, model, method) with the chosen hyperparameters, the
/// replicates that count (n of all), and mean ± std of ID val and each OOD set; then every replicate that gave no
/// result. What <c>daft run</c> prints after a sweep with replicates or a grid.
/// </summary>
public static class SummaryTable
{
    public static void Write(TextWriter output, IReadOnlyList<ResultCell> cells)
    {
        var sets = cells.Where(cell => cell.Best is not null)
            .SelectMany(cell => cell.Best!.Metrics.Keys).Distinct(StringComparer.Ordinal)
            .OrderBy(name => name == ResultAggregator.IdMetric ? 0 : 1).ThenBy(name => name, StringComparer.Ordinal).ToList();
        string[] header = ["dataset", "model", "method", "chosen", "n", .. sets];
        var rows = cells.Select(cell => (string[])
        [
            cell.Dataset, cell.Model, cell.Method, cell.Best is null ? "(no result)" : cell.Best.Hyper.Length == 0 ? "-" : cell.Best.Hyper,
            cell.Best is null ? "0" : $"{cell.Best.Metrics[ResultAggregator.IdMetric].N}/{cell.Best.Runs}",
            .. sets.Select(set => cell.Best?.Metrics.GetValueOrDefault(set) is { } spread ? Format(spread) : "-"),
        ]).ToList();
        var widths = header.Select((name, column) => rows.Select(row => row[column].Length).Append(name.Length).Max()).ToArray();
        output.WriteLine(Line(header, widths));
        output.WriteLine(string.Join("  ", widths.Select(width => new string('-', width))));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }

        foreach (var cell in cells)
        {
            foreach (var group in cell.Groups)
            {
                foreach (var run in group.Missing)
                {
                    output.WriteLine($"missing: {cell.Dataset} {cell.Model} {cell.Method} {group.Hyper} run {run.RunNum}: {run.State.ToString().ToLowerInvariant()}{(run.Reason is null ? "" : $" ({run.Reason})")}");
                }
            }
        }
    }

    /// <summary>"92.00 ± 2.00", or "92.00" for a single replicate.</summary>
    public static string Format(Spread spread) => spread.Std is { } std
        ? string.Create(CultureInfo.InvariantCulture, $"{spread.Mean:F2} ± {std:F2}")
        : spread.Mean.ToString("F2", CultureInfo.InvariantCulture);

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, column) => column == 4 || column > 4 ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column]))).TrimEnd();
}
