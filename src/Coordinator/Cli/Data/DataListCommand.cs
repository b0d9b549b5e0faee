using System.CommandLine;
using System.Text.Json;
using Daft.Coordinator.Api;
using Daft.Datasets.Sources;
using Daft.Shared.Datasets;

namespace Daft.Coordinator.Cli.Data;

/// <summary><c>daft data list</c>: every dataset and source, whether it is complete under the data root, and what it is.</summary>
internal static class DataListCommand
{
    public static Command Create()
    {
        var dataRoot = DataCommand.DataRootOption();
        var json = new Option<bool>("--json") { Description = "Print the same as JSON: data_root, datasets (name, ready, missing sources, description), sources (name, state, description)." };
        var command = new Command("list", "List the datasets and sources Daft knows and which are complete under the data root.\n\nExamples:\n  daft data list\n  daft data list --data-root /mnt/datasets --json") { dataRoot, json };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var root = Path.GetFullPath(parse.GetRequiredValue(dataRoot));
            var complete = SourceCatalog.All.ToDictionary(s => s.Name, s => s.Check(root).IsComplete);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    DataRoot = root,
                    Datasets = DatasetConfigs.Builtin.Select(dataset => new
                    {
                        dataset.Name,
                        Missing = dataset.Sources.Where(s => SourceCatalog.Find(s) is { } source && !complete[source.Name]).ToList(),
                        dataset.Description,
                    }).Select(dataset => new { dataset.Name, Ready = dataset.Missing.Count == 0, dataset.Missing, dataset.Description }),
                    Sources = SourceCatalog.All.Select(source => new
                    {
                        source.Name,
                        State = complete[source.Name] ? "present" : source.CanFetch ? "missing" : "manual",
                        source.Description,
                    }),
                }, ApiJson.Indented));
                return ExitCodes.Ok;
            }

            output.WriteLine($"data root: {root}");
            output.WriteLine("datasets (a job's `dataset:`; `daft data fetch NAME` fetches every source it reads):");
            var width = Math.Max(DatasetConfigs.Names.Max(n => n.Length), SourceCatalog.All.Max(s => s.Name.Length));
            foreach (var dataset in DatasetConfigs.Builtin)
            {
                var missing = dataset.Sources.Where(s => SourceCatalog.Find(s) is { } source && !complete[source.Name]).ToList();
                var state = missing.Count == 0 ? "ready  " : "missing";
                output.WriteLine($"  {dataset.Name.PadRight(width)}  {state}  {dataset.Description}"
                    + (missing.Count == 0 ? "" : $" (needs {string.Join(", ", missing)})"));
            }
            output.WriteLine("sources:");
            foreach (var source in SourceCatalog.All)
            {
                var state = complete[source.Name] ? "present" : source.CanFetch ? "missing" : "manual ";
                output.WriteLine($"  {source.Name.PadRight(width)}  {state}  {source.Description}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
