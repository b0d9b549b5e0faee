using System.Globalization;

namespace Daft.Coordinator.Results.Tables;

/// <summary>
/// CSV in long form, the shape pandas and R read without reshaping: one line per (model, dataset, method, set) with the
/// mean, std, n, the 90% interval, the replicates that ran, the chosen setting and whether it is the column's best.
/// Numbers at full precision (the table's decimals are for reading); an empty field is a value that does not exist.
/// </summary>
public static class CsvTableWriter
{
    public const string Header = "table,model,dataset,method,set,mean,std,n,interval90,runs,chosen,best";

    public static void Write(TextWriter output, IReadOnlyList<BuiltTable> tables)
    {
        output.WriteLine(Header);
        foreach (var table in tables)
        {
            foreach (var row in table.Rows)
            {
                var index = 0;
                for (var group = 0; group < table.Groups.Count; group++)
                {
                    foreach (var column in table.Groups[group].Columns)
                    {
                        var cell = row.Cells[index++];
                        if (column.Kind != ColumnKind.Value)
                        {
                            continue;
                        }

                        var choice = row.Choices[group];
                        var value = cell.Value;
                        string[] fields =
                        [
                            table.Definition.Name, table.Model, table.Groups[group].Dataset, row.Method, column.Set!,
                            Number(value?.Mean), Number(value?.Std), value?.N.ToString(CultureInfo.InvariantCulture) ?? "",
                            Number(value?.Interval90), choice?.Runs.ToString(CultureInfo.InvariantCulture) ?? "", choice?.Hyper ?? "",
                            cell.Best ? "true" : "false",
                        ];
                        output.WriteLine(string.Join(",", fields.Select(CsvField.Quote)));
                    }
                }
            }
        }
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
