using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Tests.Support;
using static Daft.Coordinator.Tests.Ledger.LedgerPlans;

namespace Daft.Coordinator.Tests.Ledger;

/// <summary>The contract's writes: each kind's state change, the attempt and state rules, results, atomicity.</summary>
public abstract partial class LedgerContract
{
    [RequirementFact]
    public void A_job_runs_from_lease_to_success_with_its_history()
    {
        var id = SubmitOne();

        Ledger.Write([new JobLeasedWrite(id, 1, "node-a", "cuda:0", At(30), At(1))]);
        var leased = Ledger.Job(id)!;
        Assert.Equal((JobState.Leased, 1, "node-a", "cuda:0", At(30)), (leased.State, leased.Attempt, leased.Node, leased.Device, leased.LeaseExpiresAt));
        Assert.Null(leased.StartedAt);

        Ledger.Write([new JobStartedWrite(id, 1, At(40), At(2))]);
        var started = Ledger.Job(id)!;
        Assert.Equal((JobState.Running, At(2), At(40)), (started.State, started.StartedAt, started.LeaseExpiresAt));

        Ledger.Write(
        [
            new JobProgressWrite(id, 1, """{"epoch":0,"step":10}""", At(50), Milestone: false, At(3)),
            new JobProgressWrite(id, 1, """{"epoch":1,"step":20}""", At(60), Milestone: true, At(4)),
            new JobProgressWrite(id, 1, """{"epoch":1,"step":25}""", At(65), Milestone: false, At(5)),
        ]);
        var progressing = Ledger.Job(id)!;
        Assert.Equal((JobState.Running, """{"epoch":1,"step":25}""", At(65)), (progressing.State, progressing.ProgressJson, progressing.LeaseExpiresAt));

        Ledger.Write([new JobSucceededWrite(id, 1, """{"final":{"id_val":98.5}}""", At(6))]);
        var done = Ledger.Job(id)!;
        Assert.Equal((JobState.Succeeded, 1, At(6), At(2)), (done.State, done.Attempt, done.FinishedAt, done.StartedAt));
        Assert.Null(done.LeaseExpiresAt);
        Assert.Empty(Ledger.OpenJobs());
        Assert.Equal(new StoredResult(id, 1, "succeeded", """{"final":{"id_val":98.5}}""", At(6)), Ledger.Result(id));

        var events = Ledger.Events(id);
        Assert.Equal(["submitted", "leased", "started", "progress", "succeeded"], events.Select(e => e.Kind));
        Assert.Equal(events.Select(e => e.Seq).Order(), events.Select(e => e.Seq));
        Assert.Equal([At(0), At(1), At(2), At(4), At(6)], events.Select(e => e.At));
        Assert.Equal([0, 1, 1, 1, 1], events.Select(e => e.Attempt));
        Assert.Equal((id, "node-a", "cuda:0"), (events[1].JobId, events[1].Node, events[1].Device));
        Assert.Equal("""{"epoch":1,"step":20}""", events[3].Detail);
    }

    [RequirementFact]
    public void A_retryable_failure_returns_the_job_to_pending_with_its_reason()
    {
        var id = SubmitOne();
        Ledger.Write([new JobLeasedWrite(id, 1, "node-a", "cuda:0", At(30), At(1)), new JobStartedWrite(id, 1, At(30), At(2))]);

        Ledger.Write([new JobFailedWrite(id, 1, "CUDA error: device lost", Retryable: true, Final: false, ResultJson: null, At(3))]);

        var job = Ledger.Job(id)!;
        Assert.Equal((JobState.Pending, 1, "CUDA error: device lost"), (job.State, job.Attempt, job.Reason));
        Assert.Null(job.LeaseExpiresAt);
        Assert.Null(job.FinishedAt);
        Assert.Null(Ledger.Result(id));
        var retry = Ledger.Events(id)[^1];
        Assert.Equal(("retry", 1, "CUDA error: device lost", "node-a"), (retry.Kind, retry.Attempt, retry.Detail, retry.Node));
        Assert.Single(Ledger.OpenJobs());
    }

    [RequirementFact]
    public void A_final_failure_keeps_its_partial_result_until_a_later_success_replaces_it()
    {
        var id = SubmitOne();
        Ledger.Write(
        [
            new JobLeasedWrite(id, 1, "node-a", "cuda:0", At(30), At(1)),
            new JobFailedWrite(id, 1, "loss is NaN", Retryable: false, Final: true, ResultJson: """{"stopped":"nan"}""", At(3)),
        ]);

        var failed = Ledger.Job(id)!;
        Assert.Equal((JobState.Failed, "loss is NaN", At(3)), (failed.State, failed.Reason, failed.FinishedAt));
        Assert.Equal(("failed", """{"stopped":"nan"}""", 1), (Ledger.Result(id)!.Status, Ledger.Result(id)!.ResultJson, Ledger.Result(id)!.Attempt));
        Assert.Equal("failed", Ledger.Events(id)[^1].Kind);

        Ledger.Submit(Plan("one", [Job(1)]), At(10));
        Ledger.Write([new JobLeasedWrite(id, 1, "node-b", "cuda:1", At(40), At(11)), new JobSucceededWrite(id, 1, """{"ok":1}""", At(12))]);

        Assert.Equal(new StoredResult(id, 1, "succeeded", """{"ok":1}""", At(12)), Ledger.Result(id));
    }

    [RequirementFact]
    public void A_lost_lease_requeues_the_job_without_failing_it()
    {
        var id = SubmitOne();
        Ledger.Write([new JobLeasedWrite(id, 1, "node-a", "cuda:0", At(30), At(1))]);

        Ledger.Write([new JobRequeuedWrite(id, 1, "node-a left the cluster", At(31))]);

        var job = Ledger.Job(id)!;
        Assert.Equal((JobState.Pending, 1, "node-a left the cluster"), (job.State, job.Attempt, job.Reason));
        Assert.Null(job.LeaseExpiresAt);
        Assert.Equal(("requeued", "node-a left the cluster"), (Ledger.Events(id)[^1].Kind, Ledger.Events(id)[^1].Detail));

        Ledger.Write([new JobLeasedWrite(id, 2, "node-b", "cuda:0", At(60), At(32))]);
        Assert.Equal((JobState.Leased, 2, "node-b"), (Ledger.Job(id)!.State, Ledger.Job(id)!.Attempt, Ledger.Job(id)!.Node));
    }

    [RequirementFact]
    public void Cancelling_ends_an_open_job_and_leaves_a_finished_one_alone()
    {
        var plan = Plan("cancel", ManyJobs(2));
        Ledger.Submit(plan, At(0));
        var (open, done) = (plan.Jobs[0].Id, plan.Jobs[1].Id);
        Ledger.Write(
        [
            new JobLeasedWrite(open, 1, "node-a", "cuda:0", At(30), At(1)),
            new JobLeasedWrite(done, 1, "node-a", "cuda:1", At(30), At(1)),
            new JobSucceededWrite(done, 1, "{}", At(2)),
        ]);

        Ledger.Write([new JobCancelledWrite(open, "by user", At(3)), new JobCancelledWrite(done, "by user", At(3))]);

        var cancelled = Ledger.Job(open)!;
        Assert.Equal((JobState.Cancelled, "by user", At(3), 1), (cancelled.State, cancelled.Reason, cancelled.FinishedAt, cancelled.Attempt));
        Assert.Null(cancelled.LeaseExpiresAt);
        Assert.Equal(("cancelled", 1, "by user"), (Ledger.Events(open)[^1].Kind, Ledger.Events(open)[^1].Attempt, Ledger.Events(open)[^1].Detail));
        Assert.Equal(JobState.Succeeded, Ledger.Job(done)!.State);
        Assert.Equal("succeeded", Ledger.Events(done)[^1].Kind);
    }

    [RequirementFact]
    public void A_retry_sends_a_failed_or_cancelled_job_back_to_pending_and_leaves_the_others_alone()
    {
        var plan = Plan("retry", ManyJobs(4));
        Ledger.Submit(plan, At(0));
        var (failed, cancelled, done, pending) = (plan.Jobs[0].Id, plan.Jobs[1].Id, plan.Jobs[2].Id, plan.Jobs[3].Id);
        Ledger.Write(
        [
            new JobLeasedWrite(failed, 2, "node-a", "cuda:0", At(30), At(1)),
            new JobFailedWrite(failed, 2, "exit code 1", false, Final: true, ResultJson: "{\"partial\": true}", At(2)),
            new JobCancelledWrite(cancelled, "by user", At(2)),
            new JobLeasedWrite(done, 1, "node-a", "cuda:1", At(30), At(1)),
            new JobSucceededWrite(done, 1, "{}", At(2)),
        ]);

        Ledger.Write([.. new[] { failed, cancelled, done, pending }.Select(id => new JobRetriedWrite(id, "retried by the user", At(5)))]);

        var retried = Ledger.Job(failed)!;
        Assert.Equal((JobState.Pending, 0, (string?)null, (DateTimeOffset?)null), (retried.State, retried.Attempt, retried.Reason, retried.FinishedAt));
        Assert.Equal(("retried", "retried by the user"), (Ledger.Events(failed)[^1].Kind, Ledger.Events(failed)[^1].Detail));
        Assert.Equal(JobState.Pending, Ledger.Job(cancelled)!.State);
        Assert.Equal(JobState.Succeeded, Ledger.Job(done)!.State);
        Assert.Equal("succeeded", Ledger.Events(done)[^1].Kind);
        Assert.Equal("submitted", Ledger.Events(pending)[^1].Kind);
        // The final failure's partial result stays until a new attempt's result replaces it.
        Assert.Equal("failed", Ledger.Result(failed)!.Status);
    }

    [RequirementFact]
    public void Writes_of_an_older_attempt_are_ignored()
    {
        var id = SubmitOne();
        Ledger.Write(
        [
            new JobLeasedWrite(id, 1, "node-a", "cuda:0", At(30), At(1)),
            new JobRequeuedWrite(id, 1, "heartbeats stopped", At(31)),
            new JobLeasedWrite(id, 2, "node-b", "cuda:1", At(90), At(32)),
        ]);
        var eventsBefore = Ledger.Events(id).Count;

        Ledger.Write(
        [
            new JobStartedWrite(id, 1, At(100), At(33)),
            new JobProgressWrite(id, 1, """{"epoch":3}""", At(100), Milestone: true, At(34)),
            new JobFailedWrite(id, 1, "late", Retryable: true, Final: true, ResultJson: "{}", At(35)),
            new JobRequeuedWrite(id, 1, "late", At(35)),
            new JobSucceededWrite(id, 1, """{"late":true}""", At(36)),
            new JobLeasedWrite(id, 1, "node-a", "cuda:0", At(100), At(37)),
        ]);

        var job = Ledger.Job(id)!;
        Assert.Equal((JobState.Leased, 2, "node-b", "cuda:1", At(90)), (job.State, job.Attempt, job.Node, job.Device, job.LeaseExpiresAt));
        Assert.Null(job.ProgressJson);
        Assert.Null(Ledger.Result(id));
        Assert.Equal(eventsBefore, Ledger.Events(id).Count);
    }

    [RequirementFact]
    public void A_pending_job_moves_only_by_a_lease_a_success_a_final_failure_or_a_cancel()
    {
        var plan = Plan("pending", ManyJobs(2));
        Ledger.Submit(plan, At(0));
        var (id, other) = (plan.Jobs[0].Id, plan.Jobs[1].Id);

        Ledger.Write(
        [
            new JobStartedWrite(id, 0, At(30), At(1)),
            new JobProgressWrite(id, 0, "{}", At(30), Milestone: true, At(2)),
            new JobFailedWrite(id, 0, "no", Retryable: true, Final: false, ResultJson: null, At(3)),
            new JobRequeuedWrite(id, 0, "no", At(4)),
        ]);
        Assert.Equal((JobState.Pending, 0), (Ledger.Job(id)!.State, Ledger.Job(id)!.Attempt));
        Assert.Single(Ledger.Events(id));

        // A lease that expired while its job finished: the result is still the job's.
        Ledger.Write([new JobSucceededWrite(id, 0, """{"ok":1}""", At(5))]);
        Assert.Equal(JobState.Succeeded, Ledger.Job(id)!.State);
        Assert.NotNull(Ledger.Result(id));

        // A job whose dependency failed fails without a lease.
        Ledger.Write([new JobFailedWrite(other, 0, "depends on job x, which failed", Retryable: false, Final: true, ResultJson: null, At(6))]);
        Assert.Equal((JobState.Failed, "depends on job x, which failed"), (Ledger.Job(other)!.State, Ledger.Job(other)!.Reason));
    }

    [RequirementFact]
    public void A_result_is_stored_once()
    {
        var id = SubmitOne();
        Ledger.Write([new JobLeasedWrite(id, 1, "node-a", "cuda:0", At(30), At(1)), new JobSucceededWrite(id, 1, """{"first":1}""", At(2))]);

        Ledger.Write([new JobSucceededWrite(id, 1, """{"second":2}""", At(3)), new JobSucceededWrite(id, 2, """{"third":3}""", At(4))]);

        Assert.Equal(new StoredResult(id, 1, "succeeded", """{"first":1}""", At(2)), Ledger.Result(id));
        Assert.Equal((JobState.Succeeded, 1, At(2)), (Ledger.Job(id)!.State, Ledger.Job(id)!.Attempt, Ledger.Job(id)!.FinishedAt));
        Assert.Single(Ledger.Events(id), e => e.Kind == "succeeded");
    }

    [RequirementFact]
    public void Sweep_writes_cancel_a_sweep_and_change_its_priority()
    {
        var plan = Plan("sweep-writes", ManyJobs(1), priority: 1);
        Ledger.Submit(plan, At(0));

        Ledger.Write([new SweepPriorityWrite(plan.SweepId, 9, At(1)), new SweepCancelledWrite(plan.SweepId, At(2))]);

        var sweep = Ledger.Sweep(plan.SweepId)!;
        Assert.Equal((9, "cancelled"), (sweep.Priority, sweep.State));
        Assert.Equal(9, Ledger.Job(plan.Jobs[0].Id)!.Priority);
        Assert.Equal(JobState.Pending, Ledger.Job(plan.Jobs[0].Id)!.State);
    }

    [RequirementFact]
    public void A_batch_with_an_invalid_write_is_not_applied_at_all()
    {
        var plan = Plan("atomic", ManyJobs(2));
        Ledger.Submit(plan, At(0));
        var id = plan.Jobs[0].Id;

        var unknownJob = Assert.Throws<InvalidOperationException>(() => Ledger.Write(
        [
            new JobLeasedWrite(id, 1, "node-a", "cuda:0", At(30), At(1)),
            new JobSucceededWrite(id, 1, "{}", At(2)),
            new JobLeasedWrite("0123456789abcdef", 1, "node-a", "cuda:1", At(30), At(1)),
        ]));
        var unknownSweep = Assert.Throws<InvalidOperationException>(() => Ledger.Write(
        [
            new JobLeasedWrite(id, 1, "node-a", "cuda:0", At(30), At(1)),
            new SweepPriorityWrite("000000000000", 5, At(1)),
        ]));

        Assert.Contains("0123456789abcdef", unknownJob.Message, StringComparison.Ordinal);
        Assert.Contains("000000000000", unknownSweep.Message, StringComparison.Ordinal);
        var job = Ledger.Job(id)!;
        Assert.Equal((JobState.Pending, 0), (job.State, job.Attempt));
        Assert.Null(Ledger.Result(id));
        Assert.Single(Ledger.Events(id));
        Assert.Equal(2, Ledger.Sweep(plan.SweepId)!.Counts["pending"]);

        Ledger.Write([]);
        Ledger.Write([new JobLeasedWrite(id, 1, "node-a", "cuda:0", At(30), At(1))]);
        Assert.Equal(JobState.Leased, Ledger.Job(id)!.State);
    }

    [RequirementFact]
    public void Times_are_read_back_as_the_same_instant_in_utc()
    {
        var id = SubmitOne();
        var paris = new DateTimeOffset(2026, 12, 1, 14, 0, 30, 123, TimeSpan.FromHours(2)).AddTicks(4560);

        Ledger.Write([new JobLeasedWrite(id, 1, "node-a", "cuda:0", paris, paris)]);

        var lease = Ledger.Job(id)!.LeaseExpiresAt!.Value;
        Assert.Equal(paris, lease);
        Assert.Equal(TimeSpan.Zero, lease.Offset);
        Assert.Equal(paris.UtcTicks, Ledger.Events(id)[^1].At.UtcTicks);
    }

    [RequirementFact]
    public void Writers_on_several_threads_all_land()
    {
        var plan = Plan("threads", ManyJobs(64));
        Ledger.Submit(plan, At(0));

        Parallel.ForEach(plan.Jobs.Chunk(8), new ParallelOptions { MaxDegreeOfParallelism = 8 }, chunk =>
        {
            foreach (var job in chunk)
            {
                Ledger.Write(
                [
                    new JobLeasedWrite(job.Id, 1, "node-a", "cpu:0", At(30), At(1)),
                    new JobStartedWrite(job.Id, 1, At(30), At(2)),
                    new JobSucceededWrite(job.Id, 1, "{}", At(3)),
                ]);
            }
        });

        Assert.Equal(64, Ledger.Sweep(plan.SweepId)!.Counts["succeeded"]);
        Assert.Equal(64, Ledger.ResultsOfSweep(plan.SweepId).Count);
    }

    /// <summary>Submits one FT job at <see cref="LedgerPlans.T0"/>; its id.</summary>
    private string SubmitOne()
    {
        var plan = Plan("one", [Job(1)]);
        Ledger.Submit(plan, At(0));
        return plan.Jobs[0].Id;
    }
}
