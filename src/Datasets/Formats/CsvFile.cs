using System.Text;

namespace Daft.Datasets.Formats;

/// <summary>Chosen columns of a CSV file: for each data record, the line it starts on and its fields in the order the
/// columns were asked for.</summary>
public sealed record CsvColumns(string Path, IReadOnlyList<string> Header, IReadOnlyList<int> Lines, IReadOnlyList<string[]> Rows);

/// <summary>
/// Reads CSV files as <c>pandas.read_csv(path)</c> (pandas 1.5, C parser, defaults) reads the text columns the
/// reference code uses: comma-separated, the first record is the header, a field in double quotes may hold commas,
/// line breaks and doubled quotes (<c>""</c>), empty lines are skipped (they are no row), a UTF-8 byte-order mark is
/// dropped, and <see cref="IsMissing"/> says which values pandas reads as NaN. Unlike pandas, a record with fewer
/// fields than the header is an error (pandas pads it with NaN), so a truncated file is never read silently.
/// </summary>
public static class CsvFile
{
    /// <summary>pandas 1.5's default <c>na_values</c> (<c>pandas._libs.parsers.STR_NA_VALUES</c>): a field with exactly
    /// one of these values, quoted or not, is NaN.</summary>
    public static readonly IReadOnlySet<string> MissingValues = new HashSet<string>(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA",
        "NULL", "NaN", "n/a", "nan", "null",
    };

    /// <summary>Whether pandas reads <paramref name="value"/> as NaN.</summary>
    public static bool IsMissing(string value) => MissingValues.Contains(value);

    /// <summary>Reads the <paramref name="columns"/> of every record; <paramref name="what"/> names the file in errors
    /// (e.g. "the fMoW metadata") and <paramref name="fix"/> says how to get a good copy.</summary>
    public static CsvColumns Read(string path, IReadOnlyList<string> columns, string what, string fix)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No {what} at '{path}'. {fix}", path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        var records = Records(reader, path).GetEnumerator();
        if (!records.MoveNext())
            throw new InvalidDataException($"'{path}' is empty; expected {what} with the header {string.Join(",", columns)}. {fix}");
        var header = records.Current.Fields;
        var positions = columns.Select(c => header.IndexOf(c)).ToArray();
        var absent = columns.Where((_, i) => positions[i] < 0).ToList();
        if (absent.Count > 0)
            throw new InvalidDataException(
                $"'{path}' line 1: the header has no column {string.Join(", ", absent.Select(c => $"'{c}'"))}; {what} needs "
                + $"{string.Join(", ", columns)} (the header is: {string.Join(",", header)}). {fix}");
        var lines = new List<int>();
        var rows = new List<string[]>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.Count != header.Count)
                throw new InvalidDataException(
                    $"'{path}' line {line}: {fields.Count} field(s), but the header has {header.Count}; every record of {what} "
                    + $"has one field per column (a field holding a comma must be in double quotes). {fix}");
            lines.Add(line);
            rows.Add([.. positions.Select(p => fields[p])]);
        }
        return new CsvColumns(path, header, lines, rows);
    }

    /// <summary>The records of the file with the line each starts on; empty lines yield nothing.</summary>
    static IEnumerable<(int Line, List<string> Fields)> Records(StreamReader reader, string path)
    {
        var line = 1;
        var field = new StringBuilder();
        var fields = new List<string>();
        int start = 1, quoteLine = 0;
        bool quoted = false, afterQuote = false, any = false;
        for (var c = reader.Read(); c >= 0; c = reader.Read())
        {
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                        field.Append((char)reader.Read());
                    else
                        (quoted, afterQuote) = (false, true);
                }
                else
                {
                    if (c == '\n' || (c == '\r' && reader.Peek() != '\n'))
                        line++;
                    field.Append((char)c);
                }
                continue;
            }
            if (c is '\r' or '\n')
            {
                if (c == '\r' && reader.Peek() == '\n')
                    reader.Read();
                if (any)
                {
                    fields.Add(field.ToString());
                    yield return (start, fields);
                }
                (fields, any, afterQuote) = ([], false, false);
                field.Clear();
                start = ++line;
                continue;
            }
            any = true;
            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                afterQuote = false;
            }
            else if (c == '"' && field.Length == 0 && !afterQuote)
                (quoted, quoteLine) = (true, line);
            else
                field.Append((char)c);
        }
        if (quoted)
            throw new InvalidDataException($"'{path}' line {quoteLine}: a quoted field is never closed (no matching '\"' before the end of the file).");
        if (any)
        {
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }
}
