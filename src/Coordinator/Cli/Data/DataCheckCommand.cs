using System.CommandLine;

namespace Daft.Coordinator.Cli.Data;

/// <summary><c>daft data check NAME...</c>: validates layouts under the data root and names everything missing.</summary>
internal static class DataCheckCommand
{
    public static Command Create()
    {
        var names = DataCommand.NamesArgument("check");
        var dataRoot = DataCommand.DataRootOption();
        var verify = new Option<bool>("--verify") { Description = "Also compare the digests of files whose digest is published (reads every byte)." };
        var command = new Command("check", "Check that datasets are complete under the data root; exit 0 when they all are.")
        {
            names, dataRoot, verify,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (DataNames.Resolve(parse.GetRequiredValue(names), "check", error) is not { } sources)
                return ExitCodes.InvalidInput;
            var root = Path.GetFullPath(parse.GetRequiredValue(dataRoot));
            var complete = true;
            foreach (var source in sources)
            {
                var report = source.Check(root, parse.GetValue(verify));
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
            return complete ? ExitCodes.Ok : ExitCodes.DataMissing;
        });
        return command;
    }
}
