using System.CommandLine;
using Daft.Coordinator.Api;
using Daft.Coordinator.Cli.Views;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Sweeps;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Cli.Farm;

/// <summary>
/// <c>daft sweep submit FILE</c>: expands the sweep and records it in the ledger a coordinator (<c>daft serve</c>)
/// watches; that coordinator starts it within seconds. Jobs that already succeeded are not run again; jobs that failed
/// or were cancelled are queued again. Prints the sweep id and what will run. With <c>--api URL</c> it goes through that
/// coordinator's HTTP API instead (<see cref="ApiControl"/>).
/// </summary>
internal static class SweepSubmitCommand
{
    public static Command Create()
    {
        var farm = new FarmOptions();
        var file = new Argument<string>("file") { Description = "The sweep file (YAML)." };
        var api = new ApiClientOptions();
        var command = new Command("submit", """
            Record a sweep in the ledger a coordinator (daft serve) runs from, or hand it to a coordinator's HTTP API with --api.

            Examples:
              daft sweep submit configs/sweeps/paper-moco.yaml --db postgres://daft:secret@db:5432/daft
              daft sweep submit configs/sweeps/digits-shift.yaml --api http://10.0.0.1:4080 --token "$(cat token)"
            """) { file };
        command.Options.Add(farm.Home);
        command.Options.Add(farm.Database);
        api.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            SweepPlan plan;
            try
            {
                plan = SweepLoader.Load(parse.GetRequiredValue(file));
            }
            catch (ConfigException error)
            {
                parse.InvocationConfiguration.Error.WriteLine(error.Message);
                return ExitCodes.InvalidInput;
            }

            ApiClient? client;
            try
            {
                client = api.Client(parse);
            }
            catch (CliFailure error)
            {
                parse.InvocationConfiguration.Error.WriteLine($"sweep submit: {error.Message}");
                return error.ExitCode;
            }

            if (client is not null)
            {
                using (client)
                {
                    return await ApiControl.SubmitAsync(parse, client, plan, cancellation);
                }
            }

            using var ledger = LedgerFactory.Open(parse.GetValue(farm.Database), parse.GetValue(farm.Home));
            var outcome = ledger.Submit(plan, DateTimeOffset.UtcNow);
            var done = outcome.States.Values.Count(state => state == JobState.Succeeded);
            parse.InvocationConfiguration.Output.WriteLine(
                $"submitted sweep {plan.Name} ({plan.SweepId}) to {ledger.Description}: {plan.Jobs.Length} jobs, {done} already succeeded, " +
                $"{plan.Jobs.Length - done} to run ({outcome.Inserted.Count} new, {outcome.Requeued.Count} re-queued)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
