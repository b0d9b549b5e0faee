namespace Daft.Coordinator.Results.Tables;

/// <summary>
/// GitHub-flavoured Markdown: a heading per table, one header row ("Digits ID"; Markdown has no column groups), the
/// best of each column in bold, the caption in italics and the missing replicates as a list.
/// </summary>
public static class MarkdownTableWriter
{
    public static void Write(TextWriter output, IReadOnlyList<BuiltTable> tables)
    {
        foreach (var table in tables)
        {
            output.WriteLine($"### {Escape(TableText.Heading(table))}");
            output.WriteLine();
            var headers = table.Groups.SelectMany(group => group.Columns.Select(column => $"{group.Label} {column.Header}"));
            output.WriteLine($"| Method | {string.Join(" | ", headers.Select(Escape))} |");
            output.WriteLine($"|:--|{string.Join("|", table.Columns.Select(column => column.Kind == ColumnKind.Chosen ? ":--" : "--:"))}|");
            foreach (var row in table.Rows)
            {
                var cells = row.Cells.Select(cell => Escape(TableText.Plain(cell, table.Definition)) is var text && cell.Best ? $"**{text}**" : text);
                output.WriteLine($"| {Escape(row.Label)} | {string.Join(" | ", cells)} |");
            }

            output.WriteLine();
            output.WriteLine($"_{Escape(table.Caption)}_");
            if (table.Notes.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("Missing replicates:");
                output.WriteLine();
                foreach (var note in table.Notes)
                {
                    output.WriteLine($"- {Escape(note)}");
                }
            }

            output.WriteLine();
        }
    }

    /// <summary>Pipes would end a cell; asterisks, underscores and backticks would start emphasis or code.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal);
}
