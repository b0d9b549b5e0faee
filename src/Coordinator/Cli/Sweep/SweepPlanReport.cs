using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Cli.Sweep;

/// <summary>
/// What submitting a sweep would do to each of its jobs, from the job's state in the ledger: the rules of
/// <see cref="Ledger.IJobLedger.Submit"/> ("resubmitting re-runs what did not succeed"), worked out without writing.
/// </summary>
internal enum PlanAction
{
    /// <summary>New, or failed / cancelled before: it is queued and runs.</summary>
    Run,

    /// <summary>Succeeded before (in this or another sweep): its result is reused, nothing runs.</summary>
    Reuse,

    /// <summary>Already queued or running (for this or another sweep): the sweep joins it, nothing new is queued.</summary>
    Join,
}

/// <summary>One job of the plan with its ledger state (null = not in the ledger) and what submitting does.</summary>
internal sealed record PlanRow(PlannedJob Job, JobState? State, PlanAction Action, string Reason)
{
    /// <summary>"new" or the state's ledger name.</summary>
    public string Status => State?.Text() ?? "new";
}

/// <summary>Counts of a set of rows: how many run (and why), are reused, are joined.</summary>
internal sealed record PlanCounts(int Jobs, int Run, int New, int FailedBefore, int CancelledBefore, int Reuse, int Join)
{
    public static PlanCounts Of(IEnumerable<PlanRow> rows)
    {
        int jobs = 0, run = 0, created = 0, failed = 0, cancelled = 0, reuse = 0, join = 0;
        foreach (var row in rows)
        {
            jobs++;
            switch (row.Action)
            {
                case PlanAction.Run:
                    run++;
                    created += row.State is null ? 1 : 0;
                    failed += row.State == JobState.Failed ? 1 : 0;
                    cancelled += row.State == JobState.Cancelled ? 1 : 0;
                    break;
                case PlanAction.Reuse:
                    reuse++;
                    break;
                default:
                    join++;
                    break;
            }
        }

        return new PlanCounts(jobs, run, created, failed, cancelled, reuse, join);
    }
}

/// <summary>
/// A sweep's plan against the ledger: every job's row in plan order, the counts overall and per method, and the
/// dependencies that lie outside the sweep (a job given <c>weights: job:&lt;id&gt;</c> of an earlier sweep) with
/// their states, since a dependant waits until they succeed.
/// </summary>
internal sealed record SweepPlanReport(
    SweepPlan Plan,
    LedgerStates Ledger,
    IReadOnlyList<PlanRow> Rows,
    PlanCounts Total,
    IReadOnlyList<(string Method, PlanCounts Counts)> ByMethod,
    IReadOnlyList<(string JobId, JobState? State)> ExternalDependencies)
{
    /// <summary>The ids whose states the report needs: the plan's jobs and their dependencies outside it.</summary>
    public static IReadOnlyCollection<string> IdsToLookUp(SweepPlan plan)
    {
        var ids = new HashSet<string>(plan.Jobs.Select(job => job.Id), StringComparer.Ordinal);
        foreach (var dependency in plan.Jobs.SelectMany(job => job.DependsOn))
        {
            ids.Add(dependency);
        }

        return ids;
    }

    public static SweepPlanReport Of(SweepPlan plan, LedgerStates ledger)
    {
        var rows = plan.Jobs.Select(job => RowOf(job, ledger.States.TryGetValue(job.Id, out var state) ? state : null)).ToList();
        // The pretrain job is a row of its own ("ft (pretrain)"), listed first; then the methods in schema order.
        var order = Shared.Specs.MethodSpec.Names.ToList();
        var methods = rows.GroupBy(row => PlanColumns.Method(row.Job))
            .Select(group => (group.Key, PlanCounts.Of(group)))
            .OrderBy(entry => entry.Key.Contains(' ') ? -1 : order.IndexOf(entry.Key))
            .ToList();
        var inPlan = plan.Jobs.Select(job => job.Id).ToHashSet(StringComparer.Ordinal);
        var external = plan.Jobs.SelectMany(job => job.DependsOn).Where(id => !inPlan.Contains(id)).Distinct().Order(StringComparer.Ordinal)
            .Select(id => (id, ledger.States.TryGetValue(id, out var state) ? state : (JobState?)null))
            .ToList();
        return new SweepPlanReport(plan, ledger, rows, PlanCounts.Of(rows), methods, external);
    }

    private static PlanRow RowOf(PlannedJob job, JobState? state) => state switch
    {
        null => new PlanRow(job, null, PlanAction.Run, "new job"),
        JobState.Failed => new PlanRow(job, state, PlanAction.Run, "failed before: submitting re-queues it"),
        JobState.Cancelled => new PlanRow(job, state, PlanAction.Run, "cancelled before: submitting re-queues it"),
        JobState.Succeeded => new PlanRow(job, state, PlanAction.Reuse, "already succeeded: its result is reused"),
        JobState.Pending => new PlanRow(job, state, PlanAction.Join, "already queued"),
        _ => new PlanRow(job, state, PlanAction.Join, "already running"),
    };
}
