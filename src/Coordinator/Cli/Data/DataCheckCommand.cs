using System.CommandLine;
using System.Text.Json;
using Daft.Coordinator.Api;

namespace Daft.Coordinator.Cli.Data;

/// <summary><c>daft data check NAME...</c>: validates layouts under the data root and names everything missing.</summary>
internal static class DataCheckCommand
{
    public static Command Create()
    {
        var names = DataCommand.NamesArgument("check");
        var dataRoot = DataCommand.DataRootOption();
        var verify = new Option<bool>("--verify") { Description = "Also compare the digests of files whose digest is published (reads every byte)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per source checked: name, complete, problems, fix." };
        var command = new Command("check", "Check that datasets are complete under the data root; exit 0 when they all are, 3 when one is not.\n\nExamples:\n  daft data check digits-shift\n  daft data check living17 --data-root /mnt/datasets --verify")
        {
            names, dataRoot, verify, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (DataNames.Resolve(parse.GetRequiredValue(names), "check", error) is not { } sources)
                return ExitCodes.InvalidInput;
            var root = Path.GetFullPath(parse.GetRequiredValue(dataRoot));
            var complete = true;
            var reports = new List<object>();
            foreach (var source in sources)
            {
                var report = source.Check(root, parse.GetValue(verify));
                if (parse.GetValue(json))
                {
                    complete &= report.IsComplete;
                    reports.Add(new
                    {
                        source.Name,
                        Complete = report.IsComplete,
                        report.Problems,
                        Fix = report.IsComplete ? null : source.CanFetch ? $"daft data fetch {source.Name}" : source.Instructions,
                    });
                    continue;
                }

                if (report.IsComplete)
                {
                    output.WriteLine($"{source.Name}: complete");
                    continue;
                }
                complete = false;
                output.WriteLine($"{source.Name}: INCOMPLETE under '{root}'");
                foreach (var problem in report.Problems)
                    output.WriteLine($"  {problem}");
                output.WriteLine(source.CanFetch ? $"  fix: daft data fetch {source.Name}" : $"  fix: {source.Instructions}");
            }
            if (parse.GetValue(json))
                output.WriteLine(JsonSerializer.Serialize(new { DataRoot = root, Sources = reports }, ApiJson.Indented));
            return complete ? ExitCodes.Ok : ExitCodes.DataMissing;
        });
        return command;
    }
}
