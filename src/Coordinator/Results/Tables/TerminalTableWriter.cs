using Spectre.Console;

namespace Daft.Coordinator.Results.Tables;

/// <summary>
/// The terminal view (Spectre.Console): the heading, then a rounded table per model with a two-line header (the dataset
/// over the first of its columns, the set over each), the best of each column in bold — or, where the console has no ANSI support (a pipe, a file), marked with a trailing "*" so the
/// choice still shows — the caption under it and the missing replicates in yellow.
/// </summary>
public static class TerminalTableWriter
{
    public static void Write(IAnsiConsole console, IReadOnlyList<BuiltTable> tables)
    {
        var ansi = console.Profile.Capabilities.Ansi;
        foreach (var table in tables)
        {
            console.MarkupLine($"[bold]{Markup.Escape(TableText.Heading(table))}[/]");
            var view = new Table().RoundedBorder();
            view.AddColumn(new TableColumn("\nMethod"));
            foreach (var group in table.Groups)
            {
                foreach (var (column, index) in group.Columns.Select((column, index) => (column, index)))
                {
                    // Spectre.Console has no column spans: the dataset names its group once, over its first column.
                    var header = new TableColumn($"{(index == 0 ? $"[bold]{Markup.Escape(group.Label)}[/]" : "")}\n{Markup.Escape(column.Header)}");
                    view.AddColumn(column.Kind == ColumnKind.Chosen ? header.LeftAligned() : header.RightAligned());
                }
            }

            foreach (var row in table.Rows)
            {
                view.AddRow([Markup.Escape(row.Label), .. row.Cells.Select(cell => Cell(cell, table.Definition, ansi))]);
            }

            var caption = table.Caption + (!ansi && table.Definition.Bold ? " (* = best per column)" : "");
            console.Write(view);
            console.MarkupLine($"[dim]{Markup.Escape(caption)}[/]");
            foreach (var note in table.Notes)
            {
                console.MarkupLine($"[yellow]missing:[/] {Markup.Escape(note)}");
            }

            console.WriteLine();
        }
    }

    private static string Cell(BuiltCell cell, TableDefinition definition, bool ansi)
    {
        var text = Markup.Escape(TableText.Plain(cell, definition));
        return !cell.Best ? text : ansi ? $"[bold]{text}[/]" : $"{text}*";
    }
}
