using System.CommandLine;
using Daft.Coordinator.Api;
using Daft.Coordinator.Cli.Views;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.SweepViews;

namespace Daft.Coordinator.Cli.Farm;

/// <summary>
/// <c>daft sweep cancel SWEEP_ID</c> and <c>daft sweep priority SWEEP_ID N</c>: change a sweep in the ledger; the
/// coordinator running from that ledger (<c>daft serve</c>) carries it out within seconds — queued jobs are dropped
/// and running ones stopped (jobs another sweep still wants keep running), or the sweep's jobs move in the queue. The
/// sweep may be named by id, start of id, or unique name (<see cref="SweepResolver"/>); <c>cancel --api URL</c> goes
/// through a coordinator's HTTP API instead of the database.
/// </summary>
internal static class SweepControlCommands
{
    public static Command Cancel()
    {
        var farm = new FarmOptions();
        var id = new Argument<string>("sweep-id") { Description = "The sweep: its id (daft sweep submit and daft run print it), the start of it, or its name when no other sweep has it." };
        var api = new ApiClientOptions();
        var command = new Command("cancel", """
            Cancel a sweep: its queued jobs are dropped and its running jobs stopped.

            Examples:
              daft sweep cancel b79554c3db62
              daft sweep cancel digits-shift --api http://10.0.0.1:4080
            """) { id };
        command.Options.Add(farm.Home);
        command.Options.Add(farm.Database);
        api.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            ApiClient? client;
            try
            {
                client = api.Client(parse);
            }
            catch (CliFailure error)
            {
                parse.InvocationConfiguration.Error.WriteLine($"sweep cancel: {error.Message}");
                return error.ExitCode;
            }

            if (client is not null)
            {
                using (client)
                {
                    return await ApiControl.CancelAsync(parse, client, parse.GetRequiredValue(id), cancellation);
                }
            }

            return Change(parse, farm, parse.GetRequiredValue(id), sweepId => now => new SweepCancelledWrite(sweepId, now), "cancelled");
        });
        return command;
    }

    public static Command Priority()
    {
        var farm = new FarmOptions();
        var id = new Argument<string>("sweep-id") { Description = "The sweep's id." };
        var priority = new Argument<int>("priority") { Description = "The new priority: higher runs first (default of a sweep: 0)." };
        var command = new Command("priority", "Change a sweep's priority.\n\nExamples:\n  daft sweep priority paper-moco 10\n  daft sweep priority b79554c3 -1") { id, priority };
        command.Options.Add(farm.Home);
        command.Options.Add(farm.Database);
        command.SetAction(parse => Change(parse, farm, parse.GetRequiredValue(id),
            sweepId => now => new SweepPriorityWrite(sweepId, parse.GetValue(priority), now), $"priority {parse.GetValue(priority)}"));
        return command;
    }

    private static int Change(ParseResult parse, FarmOptions farm, string query, Func<string, Func<DateTimeOffset, LedgerWrite>> write, string what)
    {
        using var ledger = LedgerFactory.Open(parse.GetValue(farm.Database), parse.GetValue(farm.Home));
        if (ledger.Find(query, out var error) is not { } sweep)
        {
            parse.InvocationConfiguration.Error.WriteLine($"sweep: {error}");
            return ExitCodes.InvalidInput;
        }

        ledger.Write([write(sweep.Id)(DateTimeOffset.UtcNow)]);
        parse.InvocationConfiguration.Output.WriteLine($"sweep {sweep.Name} ({sweep.Id}): {what} in {ledger.Description}; a coordinator running from it carries it out within seconds");
        return ExitCodes.Ok;
    }
}
