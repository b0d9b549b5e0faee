using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Results.Tables;

/// <summary>
/// Lays results out as a <see cref="TableDefinition"/> says: aggregates them (<see cref="ResultAggregator"/>, selecting
/// by the definition's set), then one table per model with the definition's rows and column groups — only those the
/// results hold — each cell the chosen setting's mean and spread, the best of each column marked. Pure.
/// </summary>
public static class TableBuilder
{
    public static IReadOnlyList<BuiltTable> Build(IReadOnlyList<ResultRow> rows, TableDefinition definition)
    {
        var cells = ResultAggregator.Aggregate(rows, definition.SelectBy);
        return [.. cells.Select(cell => cell.Model).Distinct(StringComparer.Ordinal)
            .Select(model => BuildFor(model, [.. cells.Where(cell => cell.Model == model)], definition))];
    }

    private static BuiltTable BuildFor(string model, IReadOnlyList<ResultCell> cells, TableDefinition definition)
    {
        var groups = Groups(cells, definition);
        var rowDefinitions = Rows(cells, definition);
        var rows = rowDefinitions.Select(row =>
        {
            var rowCells = groups.Select(group => cells.FirstOrDefault(cell => cell.Dataset == group.Dataset && cell.Method == row.Method)).ToList();
            return new BuiltRow(row.Method, row.Label,
                [.. groups.SelectMany((group, index) => group.Columns.Select(column => Cell(rowCells[index], column, definition)))],
                [.. rowCells.Select(cell => cell?.Best is { } best ? new RowChoice(best.Hyper, best.Metrics[definition.SelectBy].N, best.Runs) : null)]);
        }).ToList();
        return new BuiltTable(definition, definition.Title, model, groups, MarkBest(rows, groups, definition), Caption(definition),
            Notes(cells, rowDefinitions, groups));
    }

    private static List<BuiltColumnGroup> Groups(IReadOnlyList<ResultCell> cells, TableDefinition definition)
    {
        var datasets = cells.Select(cell => cell.Dataset).Distinct(StringComparer.Ordinal).ToList();
        var columns = definition.Columns.Count > 0
            ? definition.Columns.Where(column => datasets.Contains(column.Dataset))
            : datasets.Select(dataset => new TableColumnDefinition(dataset, dataset, []));
        return [.. columns.Select(column =>
        {
            var sets = column.Sets.Count > 0 ? column.Sets : SetsSeen(cells.Where(cell => cell.Dataset == column.Dataset));
            IEnumerable<BuiltColumn> extras = definition.Extras.Select(extra => extra == TableExtra.Runs
                ? new BuiltColumn(ColumnKind.Runs, "n", null)
                : new BuiltColumn(ColumnKind.Chosen, "chosen", null));
            return new BuiltColumnGroup(column.Dataset, column.Label,
                [.. extras, .. sets.Select(set => new BuiltColumn(ColumnKind.Value, set.Label, set.Set))]);
        })];
    }

    /// <summary>Every set in a dataset's results, ID val first, then the OOD sets by name.</summary>
    private static List<TableSetDefinition> SetsSeen(IEnumerable<ResultCell> cells) =>
    [
        .. cells.SelectMany(cell => cell.Groups).SelectMany(group => group.Metrics.Keys)
            .Append(ResultAggregator.IdMetric)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(set => set == ResultAggregator.IdMetric ? 0 : 1).ThenBy(set => set, StringComparer.Ordinal)
            .Select(set => new TableSetDefinition(set, TableDefinition.SetLabel(set))),
    ];

    /// <summary>The definition's rows the results hold; without any, every method seen, the papers' methods first.</summary>
    private static List<TableRowDefinition> Rows(IReadOnlyList<ResultCell> cells, TableDefinition definition)
    {
        var methods = cells.Select(cell => cell.Method).Distinct(StringComparer.Ordinal).ToList();
        if (definition.Rows.Count > 0)
        {
            return [.. definition.Rows.Where(row => methods.Contains(row.Method))];
        }

        var paper = TableDefinition.PaperMethods.Select(row => row.Method).ToList();
        return [.. methods.OrderBy(method => paper.IndexOf(method) is var index && index >= 0 ? index : paper.Count)
            .Select(method => new TableRowDefinition(method, TableDefinition.MethodLabel(method)))];
    }

    private static BuiltCell Cell(ResultCell? cell, BuiltColumn column, TableDefinition definition)
    {
        if (cell?.Best is not { } best)
        {
            return column.Kind == ColumnKind.Runs && cell is not null
                ? new BuiltCell($"0/{cell.Groups.Sum(group => group.Runs)}", null, false)
                : BuiltCell.Empty;
        }

        return column.Kind switch
        {
            ColumnKind.Runs => new BuiltCell($"{best.Metrics[definition.SelectBy].N}/{best.Runs}", null, false),
            ColumnKind.Chosen => new BuiltCell(best.Hyper.Length == 0 ? "-" : best.Hyper, null, false),
            _ => best.Metrics.GetValueOrDefault(column.Set!) is { } spread
                ? new BuiltCell(null, definition.Metric == TableMetric.Error ? spread with { Mean = 100 - spread.Mean } : spread, false)
                : BuiltCell.Empty,
        };
    }

    /// <summary>
    /// Marks the best value of each column, compared as printed (so two values that print the same are both bold), when
    /// at least two rows have one: a column of one value has nothing to compare.
    /// </summary>
    private static List<BuiltRow> MarkBest(List<BuiltRow> rows, IReadOnlyList<BuiltColumnGroup> groups, TableDefinition definition)
    {
        if (!definition.Bold)
        {
            return rows;
        }

        var columns = groups.SelectMany(group => group.Columns).ToList();
        var cells = rows.Select(row => row.Cells.ToArray()).ToList();
        for (var column = 0; column < columns.Count; column++)
        {
            var printed = cells.Select(row => row[column].Value is { } value ? Math.Round(value.Mean, definition.Decimals) : (double?)null).ToList();
            if (printed.Count(value => value is not null) < 2)
            {
                continue;
            }

            var best = definition.Metric == TableMetric.Error ? printed.Min() : printed.Max();
            for (var row = 0; row < cells.Count; row++)
            {
                if (printed[row] == best)
                {
                    cells[row][column] = cells[row][column] with { Best = true };
                }
            }
        }

        return [.. rows.Select((row, index) => row with { Cells = cells[index] })];
    }

    private static string Caption(TableDefinition definition)
    {
        var metric = definition.Metric == TableMetric.Error ? "Error (%, 100 − accuracy)" : "Accuracy (%)";
        var spread = definition.Spread switch
        {
            TableSpread.Std => "mean ± sample std over run_num",
            TableSpread.Interval90 => "mean ± 90% interval (1.645·std/√n) over run_num",
            _ => "mean over run_num",
        };
        var selection = $"each cell uses the hyperparameters with the best mean {(definition.SelectBy == ResultAggregator.IdMetric ? "ID-val" : definition.SelectBy)} accuracy";
        return $"{metric}, {spread}; {selection}{(definition.Bold ? "; best per column in bold" : "")}.";
    }

    private static List<string> Notes(IReadOnlyList<ResultCell> cells, IReadOnlyList<TableRowDefinition> rows, IReadOnlyList<BuiltColumnGroup> groups)
    {
        var notes = new List<string>();
        foreach (var row in rows)
        {
            foreach (var group in groups)
            {
                if (cells.FirstOrDefault(cell => cell.Dataset == group.Dataset && cell.Method == row.Method) is not { } cell)
                {
                    continue;
                }

                foreach (var hyper in cell.Groups)
                {
                    foreach (var run in hyper.Missing)
                    {
                        var setting = hyper.Hyper.Length == 0 ? "" : $", {hyper.Hyper}";
                        var reason = run.Reason is null ? "" : $": {run.Reason}";
                        notes.Add($"{row.Label} on {group.Label}{setting}: run {run.RunNum} {JobStates.Text(run.State)}{reason}");
                    }
                }
            }
        }

        return notes;
    }
}
