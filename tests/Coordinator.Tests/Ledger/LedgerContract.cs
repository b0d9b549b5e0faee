using System.Data.Common;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Tests.Support;
using static Daft.Coordinator.Tests.Ledger.LedgerPlans;

namespace Daft.Coordinator.Tests.Ledger;

/// <summary>
/// What every <see cref="IJobLedger"/> must do, run once per backend by a subclass that says how to open a fresh
/// database (and reopen the same one) and how to run raw SQL on it. One suite for both backends is the point
/// (DESIGN.md: "same schema, same contract tests against both"). This part: submission; the others: writes, reads,
/// schema.
/// </summary>
public abstract partial class LedgerContract : IDisposable
{
    private readonly List<IJobLedger> _opened = [];
    private IJobLedger? _ledger;

    /// <summary>The ledger under test, opened on first use.</summary>
    protected IJobLedger Ledger => _ledger ??= Reopen();

    /// <summary>Opens a new ledger instance on the test's database (the same database every time).</summary>
    protected abstract IJobLedger OpenLedger();

    /// <summary>An open connection to the test's database, outside the ledger and its pool.</summary>
    protected abstract DbConnection Connect();

    /// <summary>Runs <paramref name="sql"/> on the test's database, outside the ledger.</summary>
    protected void ExecuteSql(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query on the test's database, outside the ledger; its first column as text.</summary>
    protected IReadOnlyList<string> QuerySql(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        return values;
    }

    /// <summary>A new instance on the same database, disposed with the test.</summary>
    protected IJobLedger Reopen()
    {
        var ledger = OpenLedger();
        _opened.Add(ledger);
        return ledger;
    }

    public virtual void Dispose()
    {
        foreach (var ledger in _opened)
        {
            ledger.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [RequirementFact]
    public void Submit_inserts_every_job_pending_in_plan_order()
    {
        var lp = Job(1, lp: true);
        var ft = Job(1, requirement: new DeviceRequirement("cuda", 16384), dependsOn: [lp.Id], tags: ("model", "moco_v2"));
        var plan = Plan("transfer", [lp, ft], priority: 2, maxAttempts: 4);

        var outcome = Ledger.Submit(plan, At(0));

        Assert.Equal(new[] { lp.Id, ft.Id }.Order(StringComparer.Ordinal), outcome.Inserted.Order(StringComparer.Ordinal));
        Assert.Empty(outcome.Requeued);
        Assert.All(outcome.States.Values, state => Assert.Equal(JobState.Pending, state));
        var first = Ledger.Job(lp.Id)!;
        var second = Ledger.Job(ft.Id)!;
        Assert.True(first.SubmittedSeq < second.SubmittedSeq);
        Assert.Equal(ft.Spec.ToYaml(), second.SpecYaml);
        Assert.Equal(("ft", "digits", "small_cnn", 1), (second.Method, second.Dataset, second.Backbone, second.RunNum));
        Assert.Equal(("lp", "digits_inverted"), (first.Method, first.Dataset));
        Assert.Equal([lp.Id], second.DependsOn.ToArray());
        Assert.Empty(first.DependsOn);
        Assert.Equal(new DeviceRequirement("cuda", 16384), second.Requirement);
        Assert.Equal(DeviceRequirement.Any, first.Requirement);
        Assert.Equal((JobState.Pending, 0, 4, 2), (second.State, second.Attempt, second.MaxAttempts, second.Priority));
        Assert.Equal(At(0), second.SubmittedAt);
        Assert.Equal(TimeSpan.Zero, second.SubmittedAt.Offset);
        Assert.Null(second.Node);
        Assert.Null(second.LeaseExpiresAt);
        Assert.Null(second.StartedAt);
        Assert.Null(second.FinishedAt);
        Assert.Null(second.Reason);
        Assert.Equal([plan.SweepId], second.Sweeps.ToArray());
        Assert.Empty(second.Tags);

        var sweep = Ledger.Sweep(plan.SweepId)!;
        Assert.Equal(("transfer", "configs/sweeps/transfer.yaml", "name: transfer\n", 2, 4, "active", At(0)),
            (sweep.Name, sweep.SourceFile, sweep.SourceText, sweep.Priority, sweep.MaxAttempts, sweep.State, sweep.SubmittedAt));
        var submitted = Assert.Single(Ledger.Events(ft.Id));
        Assert.Equal(("submitted", 0, plan.SweepId), (submitted.Kind, submitted.Attempt, submitted.Detail));
    }

    [RequirementFact]
    public void Submitting_the_same_plan_again_changes_nothing()
    {
        var plan = Plan("again", ManyJobs(3));
        Ledger.Submit(plan, At(0));
        var before = Ledger.JobsOfSweep(plan.SweepId);

        var outcome = Ledger.Submit(plan, At(10));

        Assert.Empty(outcome.Inserted);
        Assert.Empty(outcome.Requeued);
        Assert.Equal(plan.Jobs.Select(job => job.Id).Order(), outcome.States.Keys.Order());
        var after = Ledger.JobsOfSweep(plan.SweepId);
        Assert.Equal(before.Select(job => (job.Id, job.SubmittedSeq, job.SubmittedAt)), after.Select(job => (job.Id, job.SubmittedSeq, job.SubmittedAt)));
        Assert.Single(Ledger.Sweeps());
        Assert.Equal(3, Ledger.Sweep(plan.SweepId)!.Total);
        Assert.Single(Ledger.Events(plan.Jobs[0].Id));
    }

    [RequirementFact]
    public void Resubmitting_requeues_failed_and_cancelled_jobs_but_not_succeeded_or_open_ones()
    {
        var plan = Plan("resubmit", ManyJobs(4), maxAttempts: 2);
        var (done, failed, cancelled, running) = (plan.Jobs[0].Id, plan.Jobs[1].Id, plan.Jobs[2].Id, plan.Jobs[3].Id);
        Ledger.Submit(plan, At(0));
        Ledger.Write(
        [
            new JobLeasedWrite(done, 1, "node-a", "cuda:0", At(60), At(1)),
            new JobSucceededWrite(done, 1, """{"ok":true}""", At(2)),
            new JobLeasedWrite(failed, 1, "node-a", "cuda:1", At(60), At(1)),
            new JobFailedWrite(failed, 1, "out of memory", Retryable: false, Final: true, ResultJson: null, At(2)),
            new JobCancelledWrite(cancelled, "not needed", At(2)),
            new JobLeasedWrite(running, 1, "node-b", "cpu:0", At(60), At(1)),
            new JobStartedWrite(running, 1, At(70), At(2)),
        ]);

        var outcome = Ledger.Submit(plan with { MaxAttempts = 5 }, At(10));

        Assert.Equal(new[] { cancelled, failed }.Order(), outcome.Requeued.Order());
        Assert.Empty(outcome.Inserted);
        Assert.Equal(JobState.Succeeded, outcome.States[done]);
        Assert.Equal(JobState.Running, outcome.States[running]);
        Assert.Equal(JobState.Pending, outcome.States[failed]);
        foreach (var id in new[] { failed, cancelled })
        {
            var job = Ledger.Job(id)!;
            Assert.Equal((JobState.Pending, 0, 5), (job.State, job.Attempt, job.MaxAttempts));
            Assert.Null(job.Reason);
            Assert.Null(job.FinishedAt);
            Assert.Null(job.LeaseExpiresAt);
            Assert.Equal("resubmitted", Ledger.Events(id)[^1].Kind);
        }

        Assert.Equal((JobState.Succeeded, 1), (Ledger.Job(done)!.State, Ledger.Job(done)!.Attempt));
        Assert.Equal("""{"ok":true}""", Ledger.Result(done)!.ResultJson);
        Assert.Equal((JobState.Running, 2), (Ledger.Job(running)!.State, Ledger.Job(running)!.MaxAttempts));
        Assert.Equal(5, Ledger.Sweep(plan.SweepId)!.MaxAttempts);
    }

    [RequirementFact]
    public void An_enlarged_sweep_inserts_only_its_new_points()
    {
        var small = Plan("grid", ManyJobs(2));
        var large = Plan("grid", ManyJobs(3));
        Ledger.Submit(small, At(0));

        var outcome = Ledger.Submit(large, At(5));

        Assert.NotEqual(small.SweepId, large.SweepId);
        Assert.Equal([large.Jobs[2].Id], outcome.Inserted);
        Assert.Equal(Ledger.Job(large.Jobs[1].Id)!.SubmittedSeq + 1, Ledger.Job(large.Jobs[2].Id)!.SubmittedSeq);
        Assert.Equal(new[] { small.SweepId, large.SweepId }.Order(StringComparer.Ordinal), Ledger.Job(large.Jobs[0].Id)!.Sweeps);
        Assert.Equal(2, Ledger.Sweep(small.SweepId)!.Total);
        Assert.Equal(3, Ledger.Sweep(large.SweepId)!.Total);
        Assert.Equal(3, Ledger.OpenJobs().Count);
    }

    [RequirementFact]
    public void Resubmitting_a_sweep_updates_its_priority_and_reactivates_it()
    {
        var plan = Plan("urgent", ManyJobs(1), priority: 1);
        Ledger.Submit(plan, At(0));
        Ledger.Write([new SweepCancelledWrite(plan.SweepId, At(1)), new JobCancelledWrite(plan.Jobs[0].Id, "by user", At(1))]);
        Assert.Equal("cancelled", Ledger.Sweep(plan.SweepId)!.State);

        Ledger.Submit(plan with { Priority = 7, MaxAttempts = 9 }, At(2));

        var sweep = Ledger.Sweep(plan.SweepId)!;
        Assert.Equal((7, 9, "active", At(0)), (sweep.Priority, sweep.MaxAttempts, sweep.State, sweep.SubmittedAt));
        Assert.Equal((JobState.Pending, 7), (Ledger.Job(plan.Jobs[0].Id)!.State, Ledger.Job(plan.Jobs[0].Id)!.Priority));
    }

    [RequirementFact]
    public void A_large_plan_is_stored_whole_and_in_order()
    {
        var plan = Plan("large", ManyJobs(3000));

        var outcome = Ledger.Submit(plan, At(0));

        Assert.Equal(3000, outcome.Inserted.Count);
        var open = Ledger.OpenJobs();
        Assert.Equal(plan.Jobs.Select(job => job.Id), open.Select(job => job.Id));
        Assert.Equal(open.Select(job => job.SubmittedSeq).Order(), open.Select(job => job.SubmittedSeq));
        Assert.Equal(3000, Ledger.Sweep(plan.SweepId)!.Counts["pending"]);
    }
}
