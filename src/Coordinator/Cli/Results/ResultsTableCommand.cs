using System.CommandLine;
using System.Text.Json;
using Daft.Coordinator.Api;
using Daft.Coordinator.Cli.Farm;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Results.Tables;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Cli.Results;

/// <summary>
/// <c>daft results table SWEEP... [--table NAME|FILE] [--format terminal|markdown|latex|csv|json] [--out FILE]</c>: the
/// paper-style table of one or more sweeps (their jobs pooled), laid out by a table file (configs/tables/README.md),
/// read straight from the ledger.
/// </summary>
internal static class ResultsTableCommand
{
    public static readonly string[] Formats = ["terminal", "markdown", "latex", "csv", "json"];

    public static Command Create()
    {
        var farm = new FarmOptions();
        var sweeps = new Argument<string[]>("sweep") { Description = "Sweep ids, id prefixes or names; their jobs are pooled into one table.", Arity = ArgumentArity.OneOrMore };
        var table = new Option<string?>("--table") { Description = $"A table file, or a built-in table: {string.Join(", ", TableDefinitionLoader.Builtin.Keys.Order(StringComparer.Ordinal))}. Default: the built-in table named like the (first) sweep, else `default`." };
        var format = new Option<string>("--format", "-f") { Description = "terminal (aligned, bold best), markdown, latex (booktabs), csv (long form) or json.", DefaultValueFactory = _ => "terminal" };
        format.AcceptOnlyFromAmong(Formats);
        var spread = new Option<string?>("--spread") { Description = "Override the table's spread: std, interval90 (1.645·std/√n) or none." };
        spread.AcceptOnlyFromAmong("std", "interval90", "none");
        var decimals = new Option<int?>("--decimals") { Description = "Override the table's decimals (0-6)." };
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file instead of stdout." };
        var json = new Option<bool>("--json") { Description = "Same as --format json: every table with its columns, rows, cells (mean, std, n, interval90, best), caption and notes." };
        var command = new Command("table", """
            Print the paper-style table of sweeps: methods as rows, each dataset's ID and OOD accuracy as columns, one table
            per model. Each cell is the setting (LR, head LR) with the best mean ID-val accuracy over run_num, shown as
            mean ± std; the best of each column is bold; failed or missing replicates are listed under the table.

            Examples:
              daft results table digits-shift
              daft results table digits-shift-lr --format latex --out table.tex
              daft results table 3f2a9c1e --table paper --spread interval90 --format markdown
            """)
        {
            sweeps, table, format, spread, decimals, output, json,
        };
        command.Options.Add(farm.Home);
        command.Options.Add(farm.Database);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(decimals) is < 0 or > 6)
            {
                error.WriteLine("results table: --decimals must be between 0 and 6.");
                return ExitCodes.InvalidInput;
            }

            using var ledger = LedgerFactory.Open(parse.GetValue(farm.Database), parse.GetValue(farm.Home));
            if (ResultsInput.Read(ledger, parse.GetRequiredValue(sweeps), error, "results table") is not { } input)
            {
                return ExitCodes.InvalidInput;
            }

            TableDefinition definition;
            try
            {
                definition = TableDefinitionLoader.Resolve(parse.GetValue(table) ?? DefaultTable(input.FirstSweepName));
            }
            catch (ConfigException problem)
            {
                error.WriteLine(problem.Message);
                return ExitCodes.InvalidInput;
            }

            definition = Override(definition, parse.GetValue(spread), parse.GetValue(decimals));
            var built = TableBuilder.Build(input.Rows, definition);
            return ResultsOutput.Write(parse, parse.GetValue(output), writer => Render(writer, parse.GetValue(json) ? "json" : parse.GetRequiredValue(format), built));
        });
        return command;
    }

    /// <summary>The built-in table named like the sweep (configs/tables/digits-shift.yaml for the digits-shift sweep), else the default.</summary>
    public static string DefaultTable(string sweepName) =>
        TableDefinitionLoader.Builtin.ContainsKey(sweepName) ? sweepName : TableDefinitionLoader.DefaultName;

    /// <summary>Writes the tables in a format; terminal goes through Spectre.Console (bold where the output supports it).</summary>
    public static void Render(TextWriter writer, string format, IReadOnlyList<BuiltTable> tables)
    {
        switch (format)
        {
            case "markdown":
                MarkdownTableWriter.Write(writer, tables);
                break;
            case "latex":
                LatexTableWriter.Write(writer, tables);
                break;
            case "csv":
                CsvTableWriter.Write(writer, tables);
                break;
            case "json":
                writer.WriteLine(JsonSerializer.Serialize(tables, ApiJson.Indented));
                break;
            default:
                TerminalTableWriter.Write(CliConsole.For(writer), tables);
                break;
        }
    }

    private static TableDefinition Override(TableDefinition definition, string? spread, int? decimals) => definition with
    {
        Spread = spread switch
        {
            "std" => TableSpread.Std,
            "interval90" => TableSpread.Interval90,
            "none" => TableSpread.None,
            _ => definition.Spread,
        },
        Decimals = decimals ?? definition.Decimals,
    };
}
