using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.SweepViews;
using Daft.Tests.Support;
using static Daft.Coordinator.Tests.Ledger.LedgerPlans;

namespace Daft.Coordinator.Tests.SweepViews;

/// <summary>The sweep status view, read from hand-built SQLite ledgers: counts, running jobs with ETA, failures.</summary>
public sealed class SweepStatusTests : IDisposable
{
    private const string Epoch1 = """{"phase":"eval","epoch":1,"epochs":2,"train_loss":0.5,"id_val":0.91,"ood":{}}""";
    private readonly TempFolder temp = new();
    private readonly SqliteLedger ledger;

    public SweepStatusTests()
    {
        ledger = new SqliteLedger(Path.Combine(temp.Path, "daft.db"));
    }

    public void Dispose()
    {
        ledger.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void A_sweep_in_flight_shows_counts_running_jobs_with_their_eta_and_every_failure_in_the_order_it_happened()
    {
        var plan = Plan("flight", ManyJobs(6));
        ledger.Submit(plan, At(0));
        var (ok, epoch, retried, oom, cancelled, lost) = (plan.Jobs[0].Id, plan.Jobs[1].Id, plan.Jobs[2].Id, plan.Jobs[3].Id, plan.Jobs[4].Id, plan.Jobs[5].Id);
        ledger.Write(
        [
            Lease(ok, 1, "n1", "cpu:0", 0), new JobStartedWrite(ok, 1, At(60), At(0)), new JobSucceededWrite(ok, 1, "{}", At(10)),
            Lease(retried, 1, "n1", "cpu:1", 0), new JobStartedWrite(retried, 1, At(60), At(1)),
            new JobFailedWrite(retried, 1, "boom", true, false, null, At(5)),
            Lease(retried, 2, "n2", "cuda:0", 6), new JobStartedWrite(retried, 2, At(60), At(6)),
            Lease(epoch, 1, "n1", "cpu:0", 10), new JobStartedWrite(epoch, 1, At(60), At(10)),
            new JobProgressWrite(epoch, 1, Epoch1, At(90), Milestone: true, At(40)),
            Lease(oom, 1, "n1", "cpu:1", 7), new JobFailedWrite(oom, 1, "out of memory", false, true, null, At(20)),
            new JobCancelledWrite(cancelled, "cancelled by the user", At(30)),
            Lease(lost, 1, "n3", "cpu:0", 1), new JobRequeuedWrite(lost, 1, "no heartbeat from n3/cpu:0 for 30 s", At(15)),
        ]);

        var view = SweepStatusReader.Read(ledger, ledger.Sweep(plan.SweepId)!, At(50));

        Assert.Equal((plan.SweepId, "flight", "active", 6, false), (view.Id, view.Name, view.State, view.Total, view.Done));
        Assert.Equal((1, 2, 1, 1, 1, 0), (view.Count(JobState.Succeeded), view.Count(JobState.Running), view.Count(JobState.Pending),
            view.Count(JobState.Failed), view.Count(JobState.Cancelled), view.Count(JobState.Leased)));
        Assert.Equal([epoch, retried], view.Running.Select(job => job.JobId));
        var training = view.Running[0];
        Assert.Equal(("n1", "cpu:0", 1, "eval", 1, 2), (training.Node, training.Device, training.Attempt, training.Phase, training.Epoch, training.Epochs));
        Assert.Equal(0.91, training.IdVal);
        Assert.Equal("ft digits small_cnn lr=0.01 run 2", training.Label);
        // Epoch 1 took 30 s (10 → 40, setup included); one epoch is left and 10 s of it have passed.
        Assert.Equal(20, training.EtaSeconds);
        Assert.Equal(("n2", "cuda:0", 2, (double?)null), (view.Running[1].Node, view.Running[1].Device, view.Running[1].Attempt, view.Running[1].EtaSeconds));

        Assert.Equal(
            [(retried, "retry", 1, "boom"), (lost, "requeued", 1, "no heartbeat from n3/cpu:0 for 30 s"), (oom, "failed", 1, "out of memory"),
                (cancelled, "cancelled", 0, "cancelled by the user")],
            view.Failures.Select(failure => (failure.JobId, failure.Kind, failure.Attempt, failure.Reason)));
        Assert.Equal(("n1", "cpu:1", At(5)), (view.Failures[0].Node, view.Failures[0].Device, view.Failures[0].At));
    }

    [Fact]
    public void A_resubmitted_job_shows_only_the_failures_of_its_new_history()
    {
        var plan = Plan("again", ManyJobs(1));
        var job = plan.Jobs[0].Id;
        ledger.Submit(plan, At(0));
        ledger.Write(
        [
            Lease(job, 1, "n1", "cpu:0", 0), new JobFailedWrite(job, 1, "old flake", true, false, null, At(1)),
            Lease(job, 2, "n1", "cpu:0", 2), new JobFailedWrite(job, 2, "old failure", false, true, null, At(3)),
        ]);
        Assert.Equal(["retry", "failed"], SweepStatusReader.Read(ledger, ledger.Sweep(plan.SweepId)!, At(4)).Failures.Select(failure => failure.Kind));

        ledger.Submit(plan, At(10));
        ledger.Write([Lease(job, 1, "n1", "cpu:0", 11), new JobFailedWrite(job, 1, "new flake", true, false, null, At(12))]);

        var view = SweepStatusReader.Read(ledger, ledger.Sweep(plan.SweepId)!, At(13));
        var failure = Assert.Single(view.Failures);
        Assert.Equal(("retry", "new flake", At(12)), (failure.Kind, failure.Reason, failure.At));
        Assert.False(view.Done);
    }

    [Fact]
    public void A_sweep_with_no_open_job_is_done_and_says_whether_every_job_succeeded()
    {
        var clean = Plan("clean", ManyJobs(2));
        ledger.Submit(clean, At(0));
        ledger.Write([.. clean.Jobs.SelectMany(job => new LedgerWrite[] { Lease(job.Id, 1, "n1", "cpu:0", 0), new JobSucceededWrite(job.Id, 1, "{}", At(1)) })]);
        var mixed = Plan("mixed", ManyJobs(2, lr: 0.1));
        ledger.Submit(mixed, At(2));
        ledger.Write([new JobSucceededWrite(mixed.Jobs[0].Id, 1, "{}", At(3)), new JobCancelledWrite(mixed.Jobs[1].Id, "cancelled by the user", At(3))]);

        var cleanView = SweepStatusReader.Read(ledger, ledger.Sweep(clean.SweepId)!, At(5));
        var mixedView = SweepStatusReader.Read(ledger, ledger.Sweep(mixed.SweepId)!, At(5));

        Assert.Equal((true, false, 0), (cleanView.Done, cleanView.EndedWithFailures, cleanView.Failures.Length));
        Assert.Equal((true, true), (mixedView.Done, mixedView.EndedWithFailures));
        Assert.Empty(mixedView.Running);
        var list = SweepStatusReader.List(ledger);
        Assert.Equal(["mixed", "clean"], list.Select(sweep => sweep.Name));
        Assert.All(list, sweep => Assert.True(sweep.Done));
        Assert.Equal(2, list[0].Total);
    }

    [Fact]
    public void Status_reads_a_sweep_by_id_name_or_prefix_as_the_builder_sees_every_job_and_says_why_not()
    {
        var plan = Plan("status", ManyJobs(4));
        ledger.Submit(plan, At(0));
        var ids = plan.Jobs.Select(job => job.Id).ToArray();
        ledger.Write(
        [
            Lease(ids[0], 1, "n1", "cpu:0", 0), new JobSucceededWrite(ids[0], 1, "{}", At(5)),
            Lease(ids[1], 1, "n1", "cpu:0", 5), new JobStartedWrite(ids[1], 1, At(60), At(6)),
            Lease(ids[2], 1, "n1", "cpu:1", 0), new JobFailedWrite(ids[2], 1, "boom", false, true, null, At(7)),
        ]);
        // The builder over every job row is the reference: the snapshot leaves out only jobs that add nothing but a count.
        var jobs = ledger.JobsOfSweep(plan.SweepId);
        var reference = SweepStatusBuilder.Build(ledger.Sweep(plan.SweepId)!, jobs,
            jobs.Where(SweepStatusBuilder.NeedsEvents).ToDictionary(job => job.Id, job => ledger.Events(job.Id), StringComparer.Ordinal), At(8));

        foreach (var query in new[] { plan.SweepId, "status", plan.SweepId[..5] })
        {
            var (lookup, view) = SweepStatusReader.Status(ledger, query, At(8));
            Assert.Equal(plan.SweepId, lookup.Sweep?.Id);
            Assert.Equal((reference.Total, reference.Done), (view!.Total, view.Done));
            Assert.Equal(reference.Counts, view.Counts);
            Assert.Equal(reference.Running.Select(job => (job.JobId, job.Label)), view.Running.Select(job => (job.JobId, job.Label)));
            Assert.Equal(reference.Failures.Select(failure => failure.ToString()), view.Failures.Select(failure => failure.ToString()));
        }

        var (missing, none) = SweepStatusReader.Status(ledger, "nothing", At(8));
        Assert.Null(none);
        Assert.Equal("no sweep 'nothing' (by id, name or start of id)", missing.Error);
    }

    [Fact]
    public void Only_jobs_on_a_device_or_with_more_than_one_lease_need_their_history()
    {
        var job = ledger.Submit(Plan("history", ManyJobs(1)), At(0)).States.Keys.Single();
        var stored = ledger.Job(job)!;
        Assert.False(SweepStatusBuilder.NeedsEvents(stored));
        Assert.True(SweepStatusBuilder.NeedsEvents(stored with { State = JobState.Running, Attempt = 1 }));
        Assert.True(SweepStatusBuilder.NeedsEvents(stored with { State = JobState.Pending, Attempt = 1 }));
        Assert.True(SweepStatusBuilder.NeedsEvents(stored with { State = JobState.Succeeded, Attempt = 2 }));
        Assert.False(SweepStatusBuilder.NeedsEvents(stored with { State = JobState.Succeeded, Attempt = 1 }));
        Assert.False(SweepStatusBuilder.NeedsEvents(stored with { State = JobState.Failed, Attempt = 1 }));
    }

    private static JobLeasedWrite Lease(string job, int attempt, string node, string device, double at) =>
        new(job, attempt, node, device, At(at + 30), At(at));
}
