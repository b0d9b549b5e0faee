using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Tests.Support;
using static Daft.Coordinator.Tests.Ledger.LedgerPlans;

namespace Daft.Coordinator.Tests.Ledger;

/// <summary>The contract's reads: open jobs, priorities, tags per sweep, counts, states, results, unknown ids.</summary>
public abstract partial class LedgerContract
{
    [RequirementFact]
    public void Open_jobs_are_the_pending_leased_and_running_ones_in_submission_order()
    {
        var plan = Plan("open", ManyJobs(6));
        Ledger.Submit(plan, At(0));
        var ids = plan.Jobs.Select(job => job.Id).ToArray();
        Ledger.Write(
        [
            new JobLeasedWrite(ids[1], 1, "n", "d1", At(30), At(1)),
            new JobLeasedWrite(ids[2], 1, "n", "d2", At(30), At(1)),
            new JobStartedWrite(ids[2], 1, At(30), At(2)),
            new JobLeasedWrite(ids[3], 1, "n", "d3", At(30), At(1)),
            new JobSucceededWrite(ids[3], 1, "{}", At(2)),
            new JobLeasedWrite(ids[4], 1, "n", "d4", At(30), At(1)),
            new JobFailedWrite(ids[4], 1, "bad", false, Final: true, ResultJson: null, At(2)),
            new JobCancelledWrite(ids[5], "user", At(2)),
        ]);

        var open = Ledger.OpenJobs();

        Assert.Equal(ids[..3], open.Select(job => job.Id));
        Assert.Equal([JobState.Pending, JobState.Leased, JobState.Running], open.Select(job => job.State));
        Assert.All(open, job => Assert.Equal([plan.SweepId], job.Sweeps.ToArray()));
    }

    [RequirementFact]
    public void A_jobs_priority_is_the_highest_of_its_sweeps()
    {
        var shared = Job(1);
        var low = Plan("low", [shared, Job(2)], priority: 1);
        var high = Plan("high", [shared], priority: 5);
        Ledger.Submit(low, At(0));
        Ledger.Submit(high, At(1));

        Assert.Equal(5, Ledger.Job(shared.Id)!.Priority);
        Assert.Equal(1, Ledger.Job(low.Jobs[1].Id)!.Priority);
        Assert.Equal([5, 1], Ledger.OpenJobs().Select(job => job.Priority));
        Assert.Equal([5, 1], Ledger.JobsOfSweep(low.SweepId).Select(job => job.Priority));

        Ledger.Write([new SweepPriorityWrite(high.SweepId, -3, At(2))]);
        Assert.Equal(1, Ledger.Job(shared.Id)!.Priority);
    }

    [RequirementFact]
    public void Jobs_of_a_sweep_carry_their_tags_in_that_sweep()
    {
        var shared = Job(1, tags: ("lr", "0.01"));
        var first = Plan("first", [shared, Job(2, tags: ("lr", "0.01"))]);
        var second = Plan("second", [shared with { Tags = Job(1, tags: [("model", "moco_v2"), ("size", "small")]).Tags }]);
        Ledger.Submit(first, At(0));
        Ledger.Submit(second, At(1));

        var ofFirst = Ledger.JobsOfSweep(first.SweepId);
        var ofSecond = Assert.Single(Ledger.JobsOfSweep(second.SweepId));

        Assert.Equal(first.Jobs.Select(job => job.Id), ofFirst.Select(job => job.Id));
        Assert.Equal(new Dictionary<string, string> { ["lr"] = "0.01" }, ofFirst[0].Tags);
        Assert.Equal(new Dictionary<string, string> { ["model"] = "moco_v2", ["size"] = "small" }, ofSecond.Tags);
        Assert.Empty(Ledger.Job(shared.Id)!.Tags);
        Assert.Empty(Ledger.JobsOfSweep("000000000000"));
    }

    [RequirementFact]
    public void A_sweep_counts_its_jobs_by_state_with_every_state_present()
    {
        var plan = Plan("counts", ManyJobs(4));
        Ledger.Submit(plan, At(0));
        Ledger.Write(
        [
            new JobLeasedWrite(plan.Jobs[0].Id, 1, "n", "d", At(30), At(1)),
            new JobSucceededWrite(plan.Jobs[0].Id, 1, "{}", At(2)),
            new JobLeasedWrite(plan.Jobs[1].Id, 1, "n", "d", At(30), At(1)),
        ]);

        var sweep = Ledger.Sweep(plan.SweepId)!;

        Assert.Equal(Enum.GetValues<JobState>().Select(state => state.Text()).Order(StringComparer.Ordinal), sweep.Counts.Keys);
        Assert.Equal((2, 1, 1, 0, 0, 0), (sweep.Counts["pending"], sweep.Counts["leased"], sweep.Counts["succeeded"],
            sweep.Counts["running"], sweep.Counts["failed"], sweep.Counts["cancelled"]));
        Assert.Equal(4, sweep.Total);
    }

    [RequirementFact]
    public void Sweeps_are_listed_newest_first()
    {
        var older = Plan("older", ManyJobs(1));
        var newer = Plan("newer", ManyJobs(2));
        var empty = Plan("empty", []);
        Ledger.Submit(older, At(0));
        Ledger.Submit(newer, At(60));
        Ledger.Submit(empty, At(120));

        var sweeps = Ledger.Sweeps();

        Assert.Equal([empty.SweepId, newer.SweepId, older.SweepId], sweeps.Select(sweep => sweep.Id));
        Assert.Equal([0, 2, 1], sweeps.Select(sweep => sweep.Total));
        Assert.All(sweeps[0].Counts.Values, count => Assert.Equal(0, count));
    }

    [RequirementFact]
    public void States_are_given_for_the_ids_the_ledger_has()
    {
        var plan = Plan("states", ManyJobs(1200));
        Ledger.Submit(plan, At(0));
        Ledger.Write([new JobCancelledWrite(plan.Jobs[700].Id, "user", At(1))]);
        var asked = plan.Jobs.Select(job => job.Id).Append("ffffffffffffffff").Append(plan.Jobs[0].Id).ToArray();

        var states = Ledger.States(asked);

        Assert.Equal(1200, states.Count);
        Assert.Equal(JobState.Cancelled, states[plan.Jobs[700].Id]);
        Assert.Equal(1199, states.Values.Count(state => state == JobState.Pending));
        Assert.False(states.ContainsKey("ffffffffffffffff"));
        Assert.Empty(Ledger.States([]));
    }

    [RequirementFact]
    public void Results_of_a_sweep_come_in_submission_order()
    {
        var plan = Plan("results", ManyJobs(3));
        Ledger.Submit(plan, At(0));
        var ids = plan.Jobs.Select(job => job.Id).ToArray();
        Ledger.Write(
        [
            new JobLeasedWrite(ids[2], 1, "n", "d", At(30), At(1)),
            new JobSucceededWrite(ids[2], 1, """{"job":2}""", At(2)),
            new JobLeasedWrite(ids[0], 1, "n", "d", At(30), At(3)),
            new JobSucceededWrite(ids[0], 1, """{"job":0}""", At(4)),
        ]);

        var results = Ledger.ResultsOfSweep(plan.SweepId);

        Assert.Equal([ids[0], ids[2]], results.Select(result => result.JobId));
        Assert.Equal(["""{"job":0}""", """{"job":2}"""], results.Select(result => result.ResultJson));
    }

    [RequirementFact]
    public void Unknown_ids_read_as_nothing()
    {
        Assert.Null(Ledger.Job("ffffffffffffffff"));
        Assert.Null(Ledger.Sweep("ffffffffffff"));
        Assert.Null(Ledger.Result("ffffffffffffffff"));
        Assert.Empty(Ledger.Events("ffffffffffffffff"));
        Assert.Empty(Ledger.ResultsOfSweep("ffffffffffff"));
        Assert.Empty(Ledger.OpenJobs());
        Assert.Empty(Ledger.Sweeps());
    }
}
