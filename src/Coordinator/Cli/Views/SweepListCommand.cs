using System.CommandLine;
using System.Text.Json;
using Daft.Coordinator.Api;
using Daft.Coordinator.Cli.Farm;

namespace Daft.Coordinator.Cli.Views;

/// <summary><c>daft sweep list [--json]</c>: every sweep of the ledger, newest first, with its jobs counted by state.</summary>
internal static class SweepListCommand
{
    public static Command Create()
    {
        var farm = new FarmOptions();
        var api = new ApiClientOptions();
        var json = new Option<bool>("--json") { Description = "Write the sweeps as JSON (the shape of GET /api/sweeps)." };
        var command = new Command("list", """
            List every sweep, newest first, with its jobs counted by state. Reads the ledger (works with the cluster down), or a coordinator's HTTP API with --api.

            Examples:
              daft sweep list
              daft sweep list --db postgres://daft:secret@db:5432/daft --json
              daft sweep list --api http://10.0.0.1:4080 --token "$(cat token)"
            """)
        {
            json,
        };
        command.Options.Add(farm.Home);
        command.Options.Add(farm.Database);
        api.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                using var source = SweepSources.Open(parse, farm, api);
                var sweeps = await source.ListAsync(cancellation);
                if (parse.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(sweeps, ApiJson.Indented));
                }
                else
                {
                    StatusText.WriteList(output, sweeps, source.Description);
                }

                return ExitCodes.Ok;
            }
            catch (CliFailure error)
            {
                parse.InvocationConfiguration.Error.WriteLine($"sweep list: {error.Message}");
                return error.ExitCode;
            }
        });
        return command;
    }
}
