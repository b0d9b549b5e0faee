using Akka.TestKit.Xunit2;
using Daft.Coordinator.Farm.Actors;
using Daft.Coordinator.Farm.Dispatch;
using Daft.Coordinator.Farm.Local;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Shared.Farm;
using Daft.Tests.Support;

namespace Daft.Coordinator.Tests.Farm;

/// <summary>The dispatcher actor over a real SQLite ledger, with test probes as devices and as the sweep region.</summary>
public sealed class DispatcherActorSpecs() : TestKit(FarmTestConfig.Hocon)
{
    private static readonly DispatchSettings Fast = new(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(5), 3);

    [Fact]
    public void A_lease_is_in_the_ledger_before_the_device_gets_it_and_the_result_before_the_ack()
    {
        using var temp = new TempFolder();
        using var ledger = new SqliteLedger(Path.Combine(temp.Path, "daft.db"));
        var plan = TinySweep.Plan("actor", 2);
        ledger.Submit(plan, DateTimeOffset.UtcNow);
        var sweeps = CreateTestProbe();
        var dispatcher = Sys.ActorOf(DispatcherActor.Props(ledger, Fast, sweeps.Ref));
        var device = CreateTestProbe();
        var descriptor = new DeviceDescriptor("n1", "cpu:0", "cpu", 0);

        dispatcher.Tell(new RequestWork(descriptor), device.Ref);
        var lease = device.ExpectMsg<WorkLease>();
        Assert.Equal(JobState.Leased, ledger.Job(lease.JobId)!.State);
        Assert.Equal(plan.Jobs[0].Id, lease.JobId);

        dispatcher.Tell(new JobStarted(lease.JobId, lease.Attempt, descriptor), device.Ref);
        dispatcher.Tell(new JobFinished(lease.JobId, lease.Attempt, descriptor, "succeeded", null, false, "{\"job_id\":\"x\"}", WantsMore: true), device.Ref);
        device.ExpectMsg<JobFinishedAck>();
        Assert.Equal(JobState.Succeeded, ledger.Job(lease.JobId)!.State);
        Assert.NotNull(ledger.Result(lease.JobId));
        var next = device.ExpectMsg<WorkLease>();
        Assert.Equal(plan.Jobs[1].Id, next.JobId);
        var change = sweeps.FishForMessage<SweepJobChanged>(message => message.Change.State == JobState.Succeeded);
        Assert.Equal(plan.SweepId, change.SweepId);
    }

    [Fact]
    public void A_restarted_dispatcher_rebuilds_its_queue_from_the_ledger_and_accepts_the_running_jobs_report()
    {
        using var temp = new TempFolder();
        using var ledger = new SqliteLedger(Path.Combine(temp.Path, "daft.db"));
        var plan = TinySweep.Plan("restart", 2);
        ledger.Submit(plan, DateTimeOffset.UtcNow);
        var device = CreateTestProbe();
        var descriptor = new DeviceDescriptor("n1", "cpu:0", "cpu", 0);
        var first = Sys.ActorOf(DispatcherActor.Props(ledger, Fast, CreateTestProbe().Ref));
        first.Tell(new RequestWork(descriptor), device.Ref);
        var lease = device.ExpectMsg<WorkLease>();
        first.Tell(new JobStarted(lease.JobId, lease.Attempt, descriptor), device.Ref);
        AwaitCondition(() => ledger.Job(lease.JobId)!.State == JobState.Running);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = Sys.ActorOf(DispatcherActor.Props(ledger, Fast, CreateTestProbe().Ref));
        second.Tell(new JobFinished(lease.JobId, lease.Attempt, descriptor, "succeeded", null, false, "{}", WantsMore: true), device.Ref);
        device.ExpectMsg<JobFinishedAck>();
        Assert.Equal(plan.Jobs[1].Id, device.ExpectMsg<WorkLease>().JobId);
        Assert.Equal(JobState.Succeeded, ledger.Job(lease.JobId)!.State);
        Assert.Equal(1, ledger.Events(lease.JobId).Count(row => row.Kind == "succeeded"));
    }

    [Fact]
    public void While_the_database_is_down_nothing_is_acknowledged_and_nothing_is_lost()
    {
        using var temp = new TempFolder();
        using var inner = new SqliteLedger(Path.Combine(temp.Path, "daft.db"));
        var ledger = new FlakyLedger(inner);
        var plan = TinySweep.Plan("flaky", 1);
        ledger.Submit(plan, DateTimeOffset.UtcNow);
        var dispatcher = Sys.ActorOf(DispatcherActor.Props(ledger, Fast, CreateTestProbe().Ref));
        var device = CreateTestProbe();
        var descriptor = new DeviceDescriptor("n1", "cpu:0", "cpu", 0);

        ledger.Down = true;
        dispatcher.Tell(new RequestWork(descriptor), device.Ref);
        device.ExpectNoMsg(TimeSpan.FromMilliseconds(700));
        Assert.True(ledger.FailedWrites > 0);
        Assert.Equal(JobState.Pending, inner.Job(plan.Jobs[0].Id)!.State);

        ledger.Down = false;
        var lease = device.ExpectMsg<WorkLease>(TimeSpan.FromSeconds(5));
        Assert.Equal(JobState.Leased, inner.Job(lease.JobId)!.State);
    }

    [Fact]
    public void A_lease_that_stops_heartbeating_goes_back_to_the_queue_and_to_another_device()
    {
        using var temp = new TempFolder();
        using var ledger = new SqliteLedger(Path.Combine(temp.Path, "daft.db"));
        ledger.Submit(TinySweep.Plan("expiry", 1), DateTimeOffset.UtcNow);
        var dispatcher = Sys.ActorOf(DispatcherActor.Props(ledger, Fast, CreateTestProbe().Ref));
        var silent = CreateTestProbe();
        var other = CreateTestProbe();
        dispatcher.Tell(new RequestWork(new DeviceDescriptor("n1", "cpu:0", "cpu", 0)), silent.Ref);
        var lease = silent.ExpectMsg<WorkLease>();
        dispatcher.Tell(new RequestWork(new DeviceDescriptor("n2", "cpu:0", "cpu", 0)), other.Ref);
        var again = other.ExpectMsg<WorkLease>(TimeSpan.FromSeconds(5));
        Assert.Equal((lease.JobId, 2), (again.JobId, again.Attempt));
        Assert.Contains(ledger.Events(lease.JobId), row => row.Kind == "requeued");
    }

    /// <summary>A ledger whose writes fail while <see cref="Down"/>, as a database that went away.</summary>
    private sealed class FlakyLedger(IJobLedger inner) : IJobLedger
    {
        public volatile bool Down;
        private int failed;

        public int FailedWrites => failed;
        public string Description => inner.Description;
        public SubmitOutcome Submit(SweepPlan plan, DateTimeOffset now) => inner.Submit(plan, now);

        public void Write(IReadOnlyList<LedgerWrite> writes)
        {
            if (Down)
            {
                Interlocked.Increment(ref failed);
                throw new InvalidOperationException("database unreachable");
            }

            inner.Write(writes);
        }

        public IReadOnlyList<StoredJob> OpenJobs() => inner.OpenJobs();
        public IReadOnlyDictionary<string, JobState> States(IReadOnlyCollection<string> jobIds) => inner.States(jobIds);
        public StoredJob? Job(string jobId) => inner.Job(jobId);
        public IReadOnlyList<StoredJob> JobsOfSweep(string sweepId) => inner.JobsOfSweep(sweepId);
        public StoredSweep? Sweep(string sweepId) => inner.Sweep(sweepId);
        public SweepSnapshot? SnapshotOfSweep(string sweepId, Func<StoredJob, bool> historyOf) => inner.SnapshotOfSweep(sweepId, historyOf);
        public IReadOnlyList<StoredSweep> Sweeps() => inner.Sweeps();
        public IReadOnlyList<JobEventRow> Events(string jobId) => inner.Events(jobId);
        public StoredResult? Result(string jobId) => inner.Result(jobId);
        public IReadOnlyList<StoredResult> ResultsOfSweep(string sweepId) => inner.ResultsOfSweep(sweepId);
        public void Dispose() { }
    }
}

/// <summary>Actor systems in tests: cluster provider (the dispatcher subscribes to membership), loopback, quiet.</summary>
internal static class FarmTestConfig
{
    public const string Hocon = """
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.loglevel = WARNING
        akka.log-dead-letters = off
        """;
}
