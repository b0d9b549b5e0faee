using System.Reflection;
using Daft.Shared.Specs;
using Daft.Shared.Specs.Parsing;

namespace Daft.Coordinator.Results.Tables;

/// <summary>
/// Reads table files (configs/tables/README.md describes the format) into <see cref="TableDefinition"/>s, reporting
/// every error at once with its line and column, as job and sweep files do. The files of configs/tables/ are built in
/// (embedded), so <c>daft results table --table NAME</c> works without a checkout.
/// </summary>
public static class TableDefinitionLoader
{
    /// <summary>The table used when none is named: every method and dataset the results hold, papers' order.</summary>
    public const string DefaultName = "default";

    private const string ResourcePrefix = "tables/";

    private static readonly string[] TopLevelKeys = ["name", "title", "rows", "columns", "metric", "select_by", "spread", "decimals", "bold", "show"];

    private static readonly string[] ColumnKeys = ["label", "sets"];

    private static readonly Lazy<IReadOnlyDictionary<string, TableDefinition>> BuiltinTables = new(LoadBuiltin);

    /// <summary>The tables of configs/tables/, by name.</summary>
    public static IReadOnlyDictionary<string, TableDefinition> Builtin => BuiltinTables.Value;

    /// <summary>A file when <paramref name="nameOrPath"/> is one, else a built-in table by name.</summary>
    /// <exception cref="ConfigException">No such file or table, or the file is not a valid table.</exception>
    public static TableDefinition Resolve(string? nameOrPath)
    {
        var name = nameOrPath ?? DefaultName;
        if (File.Exists(name) || name.EndsWith(".yaml", StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
        {
            return Parse(ConfigFiles.ReadText(name, "table file"), name);
        }

        return Builtin.TryGetValue(name, out var table)
            ? table
            : throw new ConfigException([new ConfigError(name, 0, 0,
                $"no table file or built-in table `{name}`; built-in tables: {string.Join(", ", Builtin.Keys.Order(StringComparer.Ordinal))}")]);
    }

    /// <summary>Parses table-file text; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="ConfigException">The text is not a valid table.</exception>
    public static TableDefinition Parse(string yaml, string sourceName)
    {
        var errors = new ErrorList(sourceName);
        var root = YamlTreeReader.Read(yaml, errors);
        TableDefinition? table = null;
        if (root is YamlMap map)
        {
            table = Read(map, errors);
        }
        else if (errors.IsEmpty)
        {
            errors.Add(root?.Start ?? new Position(0, 0), $"a table file must be a mapping of keys ({string.Join(", ", TopLevelKeys)}), got {root?.Describe() ?? "an empty file"}");
        }

        if (table is null || !errors.IsEmpty)
        {
            throw errors.ToException();
        }

        return table;
    }

    private static TableDefinition? Read(YamlMap map, ErrorList errors)
    {
        var reader = new MappingReader(map, errors);
        reader.RejectOtherKeys(TopLevelKeys, "allowed table keys", _ => null);
        reader.Require("name", "the table's name");
        var name = reader.String("name");
        var metric = reader.Choice("metric", ["accuracy", "error"], "metric") is "error" ? TableMetric.Error : TableMetric.Accuracy;
        var spread = reader.Choice("spread", ["std", "interval90", "none"], "spread") switch
        {
            "interval90" => TableSpread.Interval90,
            "none" => TableSpread.None,
            _ => TableSpread.Std,
        };
        var decimals = reader.Int("decimals", minimum: 0) ?? 2;
        if (decimals > 6)
        {
            errors.Add(reader.Find("decimals")!.Start, $"`decimals` must be at most 6, got {decimals}");
        }

        var rows = ReadRows(reader.Find("rows"), errors);
        var columns = ReadColumns(reader.Find("columns"), errors);
        var extras = ReadExtras(reader.Find("show"), errors);
        return name is null ? null : new TableDefinition(name, reader.String("title") ?? name, rows, columns, metric,
            reader.String("select_by") ?? ResultAggregator.IdMetric, spread, decimals, reader.Bool("bold") ?? true, extras);
    }

    private static List<TableRowDefinition> ReadRows(YamlValue? node, ErrorList errors)
    {
        var rows = new List<TableRowDefinition>();
        if (node is null)
        {
            return rows;
        }

        if (node is not YamlMap map)
        {
            errors.Add(node.Start, $"`rows` must map each method to its label (`lp_ft: LP-FT`), got {node.Describe()}");
            return rows;
        }

        foreach (var entry in map.Entries)
        {
            if (entry.Value is YamlText { IsNull: false } label)
            {
                rows.Add(new TableRowDefinition(entry.Key.Value, label.Value));
            }
            else if (entry.Value is YamlText)
            {
                rows.Add(new TableRowDefinition(entry.Key.Value, TableDefinition.MethodLabel(entry.Key.Value)));
            }
            else
            {
                errors.Add(entry.Value.Start, $"the label of row `{entry.Key.Value}` must be a string, got {entry.Value.Describe()}");
            }
        }

        return rows;
    }

    private static List<TableColumnDefinition> ReadColumns(YamlValue? node, ErrorList errors)
    {
        var columns = new List<TableColumnDefinition>();
        if (node is null)
        {
            return columns;
        }

        if (node is not YamlMap map)
        {
            errors.Add(node.Start, $"`columns` must map each dataset to its label, or to {{label, sets}}, got {node.Describe()}");
            return columns;
        }

        foreach (var entry in map.Entries)
        {
            var dataset = entry.Key.Value;
            switch (entry.Value)
            {
                case YamlText text:
                    columns.Add(new TableColumnDefinition(dataset, text.IsNull ? dataset : text.Value, []));
                    break;
                case YamlMap group:
                    var reader = new MappingReader(group, errors);
                    reader.RejectOtherKeys(ColumnKeys, $"allowed keys of column `{dataset}`", _ => null);
                    columns.Add(new TableColumnDefinition(dataset, reader.String("label") ?? dataset, ReadSets(dataset, reader.Find("sets"), errors)));
                    break;
                default:
                    errors.Add(entry.Value.Start, $"column `{dataset}` must be a label or a mapping {{label, sets}}, got {entry.Value.Describe()}");
                    break;
            }
        }

        return columns;
    }

    private static List<TableSetDefinition> ReadSets(string dataset, YamlValue? node, ErrorList errors)
    {
        switch (node)
        {
            case null:
                return [];
            case YamlList list:
                return [.. list.Items.OfType<YamlText>().Select(item => new TableSetDefinition(item.Value, TableDefinition.SetLabel(item.Value)))];
            case YamlMap map:
                return [.. map.Entries.Select(entry => new TableSetDefinition(entry.Key.Value,
                    entry.Value is YamlText { IsNull: false } label ? label.Value : TableDefinition.SetLabel(entry.Key.Value)))];
            default:
                errors.Add(node.Start, $"`sets` of column `{dataset}` must list the sets (`[id_val, mnist_m]`) or map each to its header (`id_val: ID`), got {node.Describe()}");
                return [];
        }
    }

    private static List<TableExtra> ReadExtras(YamlValue? node, ErrorList errors)
    {
        var extras = new List<TableExtra>();
        var items = node switch
        {
            null => [],
            YamlList list => list.Items,
            _ => [node],
        };
        foreach (var item in items)
        {
            switch (item)
            {
                case YamlText { Value: "runs" }:
                    extras.Add(TableExtra.Runs);
                    break;
                case YamlText { Value: "chosen" }:
                    extras.Add(TableExtra.Chosen);
                    break;
                default:
                    errors.Add(item.Start, $"unknown `show` column {item.Describe()}; allowed: runs, chosen");
                    break;
            }
        }

        return extras;
    }

    private static Dictionary<string, TableDefinition> LoadBuiltin()
    {
        var assembly = typeof(TableDefinitionLoader).Assembly;
        var tables = new Dictionary<string, TableDefinition>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var table = Parse(ReadResource(assembly, resource), $"configs/{resource}");
            tables[table.Name] = table;
        }

        return tables;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
