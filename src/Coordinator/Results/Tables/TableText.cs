using System.Globalization;

namespace Daft.Coordinator.Results.Tables;

/// <summary>How every format prints a value cell: the mean to the table's decimals, then its spread when there is one.</summary>
internal static class TableText
{
    /// <summary>The mean as printed ("98.56").</summary>
    public static string Mean(Spread value, TableDefinition definition) => Number(value.Mean, definition.Decimals);

    /// <summary>The spread as printed ("0.21"), or null: none asked for, or a single replicate (no std).</summary>
    public static string? SpreadOf(Spread value, TableDefinition definition) => definition.Spread switch
    {
        TableSpread.Std => value.Std is { } std ? Number(std, definition.Decimals) : null,
        TableSpread.Interval90 => value.Interval90 is { } interval ? Number(interval, definition.Decimals) : null,
        _ => null,
    };

    /// <summary>"98.56 ± 0.21", "98.56" (one replicate or no spread), with <paramref name="plusMinus"/> between.</summary>
    public static string Value(Spread value, TableDefinition definition, string plusMinus = "±") =>
        SpreadOf(value, definition) is { } spread ? $"{Mean(value, definition)} {plusMinus} {spread}" : Mean(value, definition);

    /// <summary>A cell's text in the plain formats: its value, its text, or "–" for no result.</summary>
    public static string Plain(BuiltCell cell, TableDefinition definition) =>
        cell.Value is { } value ? Value(value, definition) : cell.Text ?? "–";

    /// <summary>The heading above a table: its title and, the tables being one per model, the model.</summary>
    public static string Heading(BuiltTable table) => $"{table.Title} — {table.Model}";

    private static string Number(double value, int decimals) => value.ToString($"F{decimals}", CultureInfo.InvariantCulture);
}
