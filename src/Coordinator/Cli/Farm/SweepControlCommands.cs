using System.CommandLine;
using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.Cli.Farm;

/// <summary>
/// <c>daft sweep cancel SWEEP_ID</c> and <c>daft sweep priority SWEEP_ID N</c>: change a sweep in the ledger; the
/// coordinator running from that ledger (<c>daft serve</c>) carries it out within seconds — queued jobs are dropped
/// and running ones stopped (jobs another sweep still wants keep running), or the sweep's jobs move in the queue.
/// </summary>
internal static class SweepControlCommands
{
    public static Command Cancel()
    {
        var farm = new FarmOptions();
        var id = new Argument<string>("sweep-id") { Description = "The sweep's id (daft sweep submit and daft run print it)." };
        var command = new Command("cancel", "Cancel a sweep: its queued jobs are dropped and its running jobs stopped.") { id };
        command.Options.Add(farm.Home);
        command.Options.Add(farm.Database);
        command.SetAction(parse => Change(parse, farm, parse.GetRequiredValue(id), now => new SweepCancelledWrite(parse.GetRequiredValue(id), now), "cancelled"));
        return command;
    }

    public static Command Priority()
    {
        var farm = new FarmOptions();
        var id = new Argument<string>("sweep-id") { Description = "The sweep's id." };
        var priority = new Argument<int>("priority") { Description = "The new priority: higher runs first (default of a sweep: 0)." };
        var command = new Command("priority", "Change a sweep's priority.") { id, priority };
        command.Options.Add(farm.Home);
        command.Options.Add(farm.Database);
        command.SetAction(parse => Change(parse, farm, parse.GetRequiredValue(id),
            now => new SweepPriorityWrite(parse.GetRequiredValue(id), parse.GetValue(priority), now), $"priority {parse.GetValue(priority)}"));
        return command;
    }

    private static int Change(ParseResult parse, FarmOptions farm, string sweepId, Func<DateTimeOffset, LedgerWrite> write, string what)
    {
        using var ledger = LedgerFactory.Open(parse.GetValue(farm.Database), parse.GetValue(farm.Home));
        if (ledger.Sweep(sweepId) is not { } sweep)
        {
            parse.InvocationConfiguration.Error.WriteLine($"sweep: no sweep {sweepId} in {ledger.Description}");
            return ExitCodes.InvalidInput;
        }

        ledger.Write([write(DateTimeOffset.UtcNow)]);
        parse.InvocationConfiguration.Output.WriteLine($"sweep {sweep.Name} ({sweep.Id}): {what} in {ledger.Description}; a coordinator running from it carries it out within seconds");
        return ExitCodes.Ok;
    }
}
