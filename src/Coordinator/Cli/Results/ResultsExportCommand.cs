using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Daft.Coordinator.Api;
using Daft.Coordinator.Cli.Farm;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Results;

namespace Daft.Coordinator.Cli.Results;

/// <summary>
/// <c>daft results export SWEEP... [--format csv|json] [--out FILE]</c>: every job of the sweeps, one row each — its
/// cell, setting, replicate, how it ended and why, and each evaluation set's accuracy at its chosen epoch — for
/// analysis elsewhere (pandas, R, a spreadsheet). Failed and unfinished jobs are rows too, with empty accuracies.
/// </summary>
internal static class ResultsExportCommand
{
    public static Command Create()
    {
        var farm = new FarmOptions();
        var sweeps = new Argument<string[]>("sweep") { Description = "Sweep ids, id prefixes or names.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format", "-f") { Description = "csv (one column per evaluation set) or json.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file instead of stdout." };
        var json = new Option<bool>("--json") { Description = "Same as --format json." };
        var command = new Command("export", """
            Export one row per job: job id, dataset, model, method, hyperparameters, run_num, state, reason and the accuracy
            (%) of every evaluation set at the job's chosen epoch (best ID val).

            Examples:
              daft results export digits-shift-lr --out results.csv
              daft results export digits-shift --format json
            """)
        {
            sweeps, format, output, json,
        };
        command.Options.Add(farm.Home);
        command.Options.Add(farm.Database);
        command.SetAction(parse =>
        {
            using var ledger = LedgerFactory.Open(parse.GetValue(farm.Database), parse.GetValue(farm.Home));
            if (ResultsInput.Read(ledger, parse.GetRequiredValue(sweeps), parse.InvocationConfiguration.Error, "results export") is not { } input)
            {
                return ExitCodes.InvalidInput;
            }

            return ResultsOutput.Write(parse, parse.GetValue(output), writer =>
            {
                if (parse.GetValue(json) || parse.GetRequiredValue(format) == "json")
                {
                    writer.WriteLine(JsonSerializer.Serialize(input.Rows, ApiJson.Indented));
                }
                else
                {
                    WriteCsv(writer, input.Rows);
                }
            });
        });
        return command;
    }

    /// <summary>Wide CSV: the fixed columns, then one per evaluation set seen (ID val first), accuracies in percent.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<ResultRow> rows)
    {
        var sets = rows.SelectMany(row => row.Accuracies?.Keys ?? []).Distinct(StringComparer.Ordinal)
            .OrderBy(set => set == ResultAggregator.IdMetric ? 0 : 1).ThenBy(set => set, StringComparer.Ordinal).ToList();
        writer.WriteLine(string.Join(",", ["job_id", "dataset", "model", "method", "hyper", "run_num", "state", "reason", .. sets]));
        foreach (var row in rows)
        {
            string[] fields =
            [
                row.JobId, row.Dataset, row.Model, row.Method, row.Hyper, row.RunNum.ToString(CultureInfo.InvariantCulture),
                row.State.Text(), row.Reason ?? "",
                .. sets.Select(set => row.Accuracies is { } accuracies && accuracies.TryGetValue(set, out var accuracy)
                    ? accuracy.ToString("R", CultureInfo.InvariantCulture) : ""),
            ];
            writer.WriteLine(string.Join(",", fields.Select(CsvField.Quote)));
        }
    }
}
