namespace Daft.Coordinator.Cli.Sweep;

/// <summary>An aligned plain-text table: a header, a rule, the rows; numeric columns right-aligned.</summary>
internal static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, ISet<int> rightAligned)
    {
        var widths = header.Select((title, i) => rows.Select(row => row[i].Length).Append(title.Length).Max()).ToArray();
        output.WriteLine(Line(header, widths, rightAligned));
        output.WriteLine(string.Join("  ", widths.Select(width => new string('-', width))));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths, rightAligned));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths, ISet<int> rightAligned) =>
        string.Join("  ", cells.Select((cell, i) => rightAligned.Contains(i) ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd();
}
