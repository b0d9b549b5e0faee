using System.CommandLine;

namespace Daft.Coordinator.Cli.Sweep;

/// <summary>
/// <c>daft sweep plan FILE [--db DATABASE] [--home DIR] [--jobs] [--json]</c>: expands the sweep and asks the ledger
/// what each job's state is, then says what submitting would do: how many jobs would run (new, or failed / cancelled
/// before, which submitting re-queues), how many already succeeded (their results are reused, in this sweep or another)
/// and how many are already queued or running. Writes nothing: a ledger that does not exist yet is not created.
/// Exit 0; 2 for an invalid sweep file (every error printed) or an unusable <c>--db</c>; 1 when the ledger cannot be read.
/// </summary>
internal static class SweepPlanCommand
{
    public static Command Create()
    {
        var file = SweepCommand.FileArgument();
        var database = SweepCommand.DatabaseOption();
        var home = SweepCommand.HomeOption();
        var jobs = new Option<bool>("--jobs") { Description = "Also list every job: id, method, dataset, model, LRs, run, dependencies, status, action and why." };
        var json = new Option<bool>("--json") { Description = "Write the plan as JSON (every job included) instead of text." };
        var command = new Command("plan", "Expand a sweep and show what submitting it would run, what is already done, and why. Writes nothing.\n\nExamples:\n  daft sweep plan configs/sweeps/paper-moco.yaml\n  daft sweep plan configs/sweeps/digits-shift-lr.yaml --jobs\n  daft sweep plan configs/sweeps/tiny.yaml --json")
        {
            file, database, home, jobs, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (SweepFiles.TryLoad(parse.GetRequiredValue(file), error) is not { } plan)
            {
                return ExitCodes.InvalidInput;
            }

            LedgerStates ledger;
            try
            {
                ledger = LedgerStates.Read(parse.GetValue(database), parse.GetValue(home), SweepPlanReport.IdsToLookUp(plan));
            }
            catch (ArgumentException e)
            {
                // The message without ArgumentException's " (Parameter 'database')" tail.
                error.WriteLine($"sweep plan: {(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", ""))}");
                return ExitCodes.InvalidInput;
            }
            catch (LedgerUnavailableException e)
            {
                error.WriteLine($"sweep plan: {e.Message}");
                return 1;
            }

            var report = SweepPlanReport.Of(plan, ledger);
            if (parse.GetValue(json))
            {
                SweepPlanJson.Write(output, report);
            }
            else
            {
                SweepPlanText.Write(output, report, parse.GetValue(jobs));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
