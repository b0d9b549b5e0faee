namespace Daft.Coordinator.Results.Tables;

/// <summary>What a column of a built table holds: the replicates that count ("3/3"), the chosen setting, or a set's values.</summary>
public enum ColumnKind
{
    Runs,
    Chosen,
    Value,
}

/// <summary>One column: its kind, its header ("ID", "n", "chosen") and, for a value column, the set it shows.</summary>
public sealed record BuiltColumn(ColumnKind Kind, string Header, string? Set);

/// <summary>A dataset's group of columns, under its label.</summary>
public sealed record BuiltColumnGroup(string Dataset, string Label, IReadOnlyList<BuiltColumn> Columns);

/// <summary>
/// One cell. A value column's cell has <see cref="Value"/> (already in the table's metric: accuracy or error, percent)
/// and <see cref="Best"/> (the best of its column, bold); a runs or chosen cell has <see cref="Text"/>. Neither = no
/// result ("–"): the method did not run on that dataset, or none of its replicates succeeded (the notes say which).
/// </summary>
public sealed record BuiltCell(string? Text, Spread? Value, bool Best)
{
    public static readonly BuiltCell Empty = new(null, null, false);
}

/// <summary>
/// The setting a row's cell in one dataset group stands for: its hyperparameters ("lr=0.001"; empty for LP), the
/// replicates that count (succeeded) and all its replicates.
/// </summary>
public sealed record RowChoice(string Hyper, int Counted, int Runs);

/// <summary>
/// A row: the method, its label, one cell per column of every group (groups in order), and per group the chosen
/// setting (null where the method has no result on that dataset).
/// </summary>
public sealed record BuiltRow(string Method, string Label, IReadOnlyList<BuiltCell> Cells, IReadOnlyList<RowChoice?> Choices);

/// <summary>
/// A table ready to render in any format: title, the model it is for, column groups, rows, a caption saying how the
/// numbers were chosen and spread, and notes listing every replicate that gave no result (never dropped silently).
/// </summary>
public sealed record BuiltTable(
    TableDefinition Definition,
    string Title,
    string Model,
    IReadOnlyList<BuiltColumnGroup> Groups,
    IReadOnlyList<BuiltRow> Rows,
    string Caption,
    IReadOnlyList<string> Notes)
{
    /// <summary>Every column, groups in order (the order of each row's cells).</summary>
    public IEnumerable<BuiltColumn> Columns => Groups.SelectMany(group => group.Columns);
}
