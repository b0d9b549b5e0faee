using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Daft.Shared.Results;

namespace Daft.Coordinator.Cli.Results;

/// <summary>
/// <c>daft results</c>: paper-style tables (<c>table</c>), per-job exports (<c>export</c>) and plots, all read from the
/// ledger with no cluster needed; and <c>show PATH...</c>: one row per job from its <c>result.json</c> (a file, or a folder searched
/// recursively): method, dataset, backbone, run, status, chosen epoch and the accuracy of every evaluation set
/// at that epoch. Works with no cluster and no database: the job folders are enough.
/// </summary>
internal static class ResultsCommand
{
    public static Command Create()
    {
        var results = new Command("results", "Tables, exports and plots of a sweep's results, read from the ledger (the cluster may be down).")
        {
            ResultsTableCommand.Create(),
            ResultsExportCommand.Create(),
            ResultsPlotCommand.Create(),
            ResultsTensorBoardCommand.Create(),
        };
        var paths = new Argument<string[]>("path") { Description = "result.json files or folders holding them.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the results themselves (each result.json) as one JSON array." };
        var show = new Command("show", "Print a table of job results from result.json files (accuracies in percent at the chosen epoch).\n\nExamples:\n  daft results show ~/.local/share/daft/jobs\n  daft results show out/digits-ft/result.json --json") { paths, json };
        show.SetAction(parse =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var rows = new List<(string Path, RunResult Result)>();
            foreach (var path in parse.GetRequiredValue(paths))
            {
                var files = File.Exists(path) ? [path]
                    : Directory.Exists(path) ? Directory.GetFiles(path, "result.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
                    : null;
                if (files is null)
                {
                    stderr.WriteLine($"results show: no file or folder at '{Path.GetFullPath(path)}'.");
                    return ExitCodes.InvalidInput;
                }
                foreach (var file in files)
                {
                    try
                    {
                        rows.Add((file, RunResult.FromJson(File.ReadAllText(file))));
                    }
                    catch (JsonException error)
                    {
                        stderr.WriteLine($"results show: '{file}' is not a Daft result.json: {error.Message}");
                        return ExitCodes.InvalidInput;
                    }
                }
            }
            if (rows.Count == 0)
            {
                stderr.WriteLine("results show: no result.json found under the given paths.");
                return ExitCodes.InvalidInput;
            }
            if (parse.GetValue(json))
            {
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(rows.Select(r => r.Result), RunResult.JsonOptions));
                return ExitCodes.Ok;
            }

            ResultTable.Write(parse.InvocationConfiguration.Output, rows.Select(r => r.Result).ToList());
            return ExitCodes.Ok;
        });
        results.Add(show);
        return results;
    }
}

/// <summary>Renders results as an aligned plain-text table; one column per evaluation set seen in any result.</summary>
internal static class ResultTable
{
    public static void Write(TextWriter output, IReadOnlyList<RunResult> results)
    {
        var sets = results.SelectMany(r => r.Final.Select(m => m.Name)).Distinct().ToList();
        var header = new[] { "job", "method", "dataset", "backbone", "run", "status", "epoch" }.Concat(sets).ToArray();
        var rows = results.Select(r => new[]
        {
            r.JobId, r.Method, r.Dataset, r.Backbone, r.RunNum.ToString(CultureInfo.InvariantCulture), r.Status,
            r.ChosenEpoch.ToString(CultureInfo.InvariantCulture),
        }.Concat(sets.Select(s => r.Final.FirstOrDefault(m => m.Name == s) is { } m
            ? (m.Accuracy * 100).ToString("F2", CultureInfo.InvariantCulture)
            : "-")).ToArray()).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        output.WriteLine(Line(header, widths));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
            output.WriteLine(Line(row, widths));
    }

    static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i < 7 && i != 4 && i != 6 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
}
