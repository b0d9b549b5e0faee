using System.CommandLine;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.Cli.Jobs;

/// <summary>
/// <c>daft job retry JOB</c> and <c>daft job cancel JOB</c>: change one job in the ledger; a coordinator running from it
/// (<c>daft serve</c>) carries the change out within seconds (it starts the retried job, stops the cancelled one), and a
/// later <c>daft run</c> of the sweep sees it too.
/// </summary>
internal static class JobControlCommands
{
    public static Command Retry()
    {
        var arguments = new FarmJobArguments();
        var alone = new Option<bool>("--only") { Description = "Retry this job alone, not the jobs that failed because it did." };
        var command = new Command("retry", """
            Run a failed or cancelled job again: it goes back to pending with a fresh attempt count, and so do the jobs
            that failed or were cancelled because it had (an LP-FT job after its LP job, a sweep's jobs after its pretrain).

            Examples:
              daft job retry 3f2a9c1e
              daft job retry 3f2a9c1e --only
            """)
        {
            alone,
        };
        arguments.AddTo(command);
        command.SetAction(parse =>
        {
            using var ledger = LedgerFactory.Open(parse.GetValue(arguments.Farm.Database), parse.GetValue(arguments.Farm.Home));
            if (arguments.Find(parse, ledger, "job retry") is not { } job)
            {
                return ExitCodes.InvalidInput;
            }

            var output = parse.InvocationConfiguration.Output;
            if (job.State is not (JobState.Failed or JobState.Cancelled))
            {
                output.WriteLine($"job {job.Id} is {job.State.Text()}: only a failed or cancelled job is retried; nothing changed.");
                return job.State == JobState.Succeeded ? ExitCodes.Ok : ExitCodes.InvalidInput;
            }

            var retried = parse.GetValue(alone) ? [job] : WithBlockedDependents(ledger, job);
            var now = DateTimeOffset.UtcNow;
            ledger.Write([.. retried.Select(each => new JobRetriedWrite(each.Id, "retried by the user", now))]);
            output.WriteLine($"job {job.Id} ({job.Method} on {job.Dataset}, run {job.RunNum}): pending again in {ledger.Description}");
            foreach (var dependent in retried.Skip(1))
            {
                output.WriteLine($"  and job {dependent.Id} ({dependent.Method}, run {dependent.RunNum}), which {dependent.State.Text()} because of it");
            }

            output.WriteLine("a coordinator running from this ledger (daft serve) starts them within seconds; or run the sweep again with daft run");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Cancel()
    {
        var arguments = new FarmJobArguments();
        var command = new Command("cancel", """
            Cancel one job: a queued job will not run, a running one is stopped by the coordinator within seconds; jobs
            that depend on it fail. `daft job retry` undoes it.

            Example:
              daft job cancel 3f2a9c1e
            """);
        arguments.AddTo(command);
        command.SetAction(parse =>
        {
            using var ledger = LedgerFactory.Open(parse.GetValue(arguments.Farm.Database), parse.GetValue(arguments.Farm.Home));
            if (arguments.Find(parse, ledger, "job cancel") is not { } job)
            {
                return ExitCodes.InvalidInput;
            }

            var output = parse.InvocationConfiguration.Output;
            if (!job.State.IsOpen())
            {
                output.WriteLine($"job {job.Id} is {job.State.Text()} already; nothing changed.");
                return ExitCodes.Ok;
            }

            ledger.Write([new JobCancelledWrite(job.Id, "cancelled by the user", DateTimeOffset.UtcNow)]);
            output.WriteLine($"job {job.Id} ({job.Method} on {job.Dataset}, run {job.RunNum}): cancelled in {ledger.Description}"
                + (job.State == JobState.Pending ? "" : $"; the coordinator stops it on {job.Node} {job.Device} within seconds"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The job, then every job of its sweeps that failed or was cancelled because of it, directly or through another
    /// such job (their reason names the job they depend on), dependencies before dependents.
    /// </summary>
    private static List<StoredJob> WithBlockedDependents(IJobLedger ledger, StoredJob job)
    {
        var candidates = job.Sweeps.SelectMany(ledger.JobsOfSweep).DistinctBy(each => each.Id)
            .Where(each => each.State is JobState.Failed or JobState.Cancelled).ToList();
        var chosen = new List<StoredJob> { job };
        for (var next = 0; next < chosen.Count; next++)
        {
            var blocker = chosen[next].Id;
            chosen.AddRange(candidates.Where(each => each.DependsOn.Contains(blocker)
                && each.Reason?.Contains($"depends on job {blocker}", StringComparison.Ordinal) == true
                && chosen.All(seen => seen.Id != each.Id)));
        }

        return chosen;
    }
}
