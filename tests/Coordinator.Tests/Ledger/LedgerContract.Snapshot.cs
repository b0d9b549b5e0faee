using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Tests.Support;
using static Daft.Coordinator.Tests.Ledger.LedgerPlans;

namespace Daft.Coordinator.Tests.Ledger;

/// <summary>
/// The contract's sweep snapshot (what the status view reads): counts by state kept in sweep_jobs by the trigger, only
/// the notable jobs, and the histories the caller picks.
/// </summary>
public abstract partial class LedgerContract
{
    [RequirementFact]
    public void A_snapshot_reads_only_the_notable_jobs_and_counts_all_of_them()
    {
        var plan = Plan("snapshot", ManyJobs(9));
        Ledger.Submit(plan, At(0));
        var ids = plan.Jobs.Select(job => job.Id).ToArray();
        Ledger.Write(
        [
            // 0 stays pending at attempt 0; 1 succeeds at the first try: both only counted.
            new JobLeasedWrite(ids[1], 1, "n", "d1", At(30), At(1)), new JobSucceededWrite(ids[1], 1, "{}", At(2)),
            new JobLeasedWrite(ids[2], 1, "n", "d2", At(30), At(1)),
            new JobLeasedWrite(ids[3], 1, "n", "d3", At(30), At(1)), new JobStartedWrite(ids[3], 1, At(30), At(2)),
            new JobLeasedWrite(ids[4], 1, "n", "d4", At(30), At(1)), new JobFailedWrite(ids[4], 1, "bad", false, Final: true, ResultJson: null, At(2)),
            new JobCancelledWrite(ids[5], "user", At(2)),
            // 6 lost its lease (pending at attempt 1); 7 succeeded after a retry; 8 is waiting for its retry.
            new JobLeasedWrite(ids[6], 1, "n", "d6", At(30), At(1)), new JobRequeuedWrite(ids[6], 1, "node gone", At(3)),
            new JobLeasedWrite(ids[7], 1, "n", "d7", At(30), At(1)), new JobFailedWrite(ids[7], 1, "oom", true, Final: false, ResultJson: null, At(2)),
            new JobLeasedWrite(ids[7], 2, "n", "d7", At(30), At(3)), new JobSucceededWrite(ids[7], 2, "{}", At(4)),
            new JobLeasedWrite(ids[8], 1, "n", "d8", At(30), At(1)), new JobFailedWrite(ids[8], 1, "oom", true, Final: false, ResultJson: null, At(2)),
        ]);

        var snapshot = Ledger.SnapshotOfSweep(plan.SweepId, job => job.State == JobState.Running || job.Attempt > 1)!;

        Assert.Equal(ids[2..], snapshot.NotableJobs.Select(job => job.Id));
        Assert.Equal((3, 2, 1, 1, 1, 1), (snapshot.Sweep.Counts["pending"], snapshot.Sweep.Counts["succeeded"], snapshot.Sweep.Counts["leased"],
            snapshot.Sweep.Counts["running"], snapshot.Sweep.Counts["failed"], snapshot.Sweep.Counts["cancelled"]));
        Assert.Equal(9, snapshot.Sweep.Total);
        Assert.Equal(new[] { ids[3], ids[7] }.Order(StringComparer.Ordinal), snapshot.Events.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["submitted", "leased", "started"], snapshot.Events[ids[3]].Select(row => row.Kind));
        Assert.Equal(["submitted", "leased", "retry", "leased", "succeeded"], snapshot.Events[ids[7]].Select(row => row.Kind));
        Assert.Null(Ledger.SnapshotOfSweep("000000000000", _ => true));
    }

    [RequirementFact]
    public void A_jobs_state_is_counted_in_every_sweep_it_belongs_to_through_resubmission()
    {
        var shared = Job(1);
        var first = Plan("first", [shared, Job(2)]);
        var second = Plan("second", [shared], maxAttempts: 1);
        Ledger.Submit(first, At(0));
        Ledger.Write([new JobLeasedWrite(shared.Id, 1, "n", "d", At(30), At(1)), new JobFailedWrite(shared.Id, 1, "bad", false, Final: true, ResultJson: null, At(2))]);
        // Linked to the second sweep while failed: resubmitting sends it back to pending in both.
        Ledger.Submit(second, At(3));

        Assert.Equal((2, 0), (Ledger.Sweep(first.SweepId)!.Counts["pending"], Ledger.Sweep(first.SweepId)!.Counts["failed"]));
        Assert.Equal(1, Ledger.Sweep(second.SweepId)!.Counts["pending"]);

        Ledger.Write([new JobLeasedWrite(shared.Id, 1, "n", "d", At(30), At(4)), new JobStartedWrite(shared.Id, 1, At(30), At(5))]);

        Assert.Equal((1, 1), (Ledger.Sweep(first.SweepId)!.Counts["pending"], Ledger.Sweep(first.SweepId)!.Counts["running"]));
        Assert.Equal((0, 1), (Ledger.Sweep(second.SweepId)!.Counts["pending"], Ledger.Sweep(second.SweepId)!.Counts["running"]));
        Assert.Equal([shared.Id], Ledger.SnapshotOfSweep(second.SweepId, _ => false)!.NotableJobs.Select(job => job.Id));
        Assert.Equal(1, Ledger.Sweeps().Single(sweep => sweep.Id == second.SweepId).Counts["running"]);
    }
}
