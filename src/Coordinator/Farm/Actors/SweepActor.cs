using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.Farm.Actors;

/// <summary>
/// One sweep, a sharded entity keyed by sweep id. It owns nothing durable (the ledger does): it loads its jobs' states
/// when it starts, hands the sweep to the dispatcher on <see cref="StartSweep"/>, follows its jobs through
/// <see cref="SweepJobChanged"/>, and keeps watchers (the live display of <c>daft run</c>) up to date. After a
/// coordinator restart it is simply started again by the next message and reloads from the ledger.
/// </summary>
public sealed class SweepActor : ReceiveActor
{
    private const int FailuresKept = 50;
    private readonly string sweepId;
    private readonly IJobLedger ledger;
    private readonly IActorRef dispatcher;
    private readonly Dictionary<string, JobState> states = new(StringComparer.Ordinal);
    private readonly int[] counts = new int[Enum.GetValues<JobState>().Length];
    private readonly Dictionary<string, RunningJob> running = new(StringComparer.Ordinal);
    private readonly List<(string JobId, string Reason)> failures = [];
    private readonly HashSet<IActorRef> watchers = [];
    private readonly ILoggingAdapter log = Context.GetLogger();
    private string name = "";

    // True from PreStart's load until the first message is handled: a StartSweep that created the entity need not read
    // the sweep's jobs a second time; any later StartSweep does (a resubmission may have re-queued jobs).
    private bool freshlyLoaded;

    public SweepActor(string sweepId, IJobLedger ledger, IActorRef dispatcher)
    {
        this.sweepId = sweepId;
        this.ledger = ledger;
        this.dispatcher = dispatcher;

        Receive<StartSweep>(_ =>
        {
            if (!freshlyLoaded)
            {
                Load();
            }

            var replyTo = Sender;
            var status = Status(null);
            dispatcher.Ask<Akka.Done>(new EnqueueSweep(sweepId), TimeSpan.FromMinutes(1))
                .PipeTo(replyTo, success: _ => status, failure: error => new Status.Failure(error));
        });
        Receive<SweepJobChanged>(message => Apply(message.Change));
        Receive<WatchSweep>(message =>
        {
            watchers.Add(message.Watcher);
            Context.Watch(message.Watcher);
            message.Watcher.Tell(Status(null));
        });
        Receive<GetSweepStatus>(_ => Sender.Tell(Status(null)));
        Receive<CancelSweep>(message => dispatcher.Forward(new CancelSweepJobs(sweepId, message.Reason)));
        Receive<SetSweepPriority>(message => dispatcher.Forward(new SetPriority(sweepId, message.Priority)));
        Receive<Terminated>(message => watchers.Remove(message.ActorRef));
    }

    public static Props Props(string sweepId, IJobLedger ledger, IActorRef dispatcher) =>
        Akka.Actor.Props.Create(() => new SweepActor(sweepId, ledger, dispatcher));

    protected override bool AroundReceive(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        freshlyLoaded = false;
        return handled;
    }

    protected override void PreStart()
    {
        Load();
        freshlyLoaded = true;
    }

    private void Load()
    {
        states.Clear();
        running.Clear();
        Array.Clear(counts);
        var sweep = ledger.Sweep(sweepId);
        name = sweep?.Name ?? sweepId;
        foreach (var job in ledger.JobsOfSweep(sweepId))
        {
            states[job.Id] = job.State;
            counts[(int)job.State]++;
            if (job.State is JobState.Leased or JobState.Running)
            {
                running[job.Id] = new RunningJob(job.Id, $"{job.Node}/{job.Device}", job.Attempt, job.ProgressJson);
            }
        }

        log.Debug("sweep {SweepId}: {Jobs} jobs loaded", sweepId, states.Count);
    }

    private void Apply(Dispatch.JobChanged change)
    {
        if (!states.TryGetValue(change.JobId, out var before))
        {
            return;
        }

        counts[(int)before]--;
        counts[(int)change.State]++;
        states[change.JobId] = change.State;
        if (change.State is JobState.Leased or JobState.Running)
        {
            running[change.JobId] = new RunningJob(change.JobId, change.Device ?? "?", change.Attempt, change.ProgressJson);
        }
        else
        {
            running.Remove(change.JobId);
        }

        if (change.State == JobState.Failed || (change.State == JobState.Pending && change.Reason is not null))
        {
            failures.Add((change.JobId, change.Reason ?? "failed"));
            if (failures.Count > FailuresKept)
            {
                failures.RemoveAt(0);
            }
        }

        if (watchers.Count > 0)
        {
            var status = Status(change);
            foreach (var watcher in watchers)
            {
                watcher.Tell(status);
            }
        }
    }

    private SweepStatus Status(Dispatch.JobChanged? change)
    {
        var byState = Enum.GetValues<JobState>().ToImmutableSortedDictionary(state => state.Text(), state => counts[(int)state]);
        var open = counts[(int)JobState.Pending] + counts[(int)JobState.Leased] + counts[(int)JobState.Running];
        var done = states.Count > 0 && open == 0;
        return new SweepStatus(sweepId, name, byState, [.. running.Values.OrderBy(job => job.Device, StringComparer.Ordinal)],
            [.. failures], done, change);
    }
}

/// <summary>Routes <see cref="ISweepMessage"/>s to their entity; 100 shards, ten times a large coordinator group (farm-anchors §C1).</summary>
public sealed class SweepMessageExtractor() : HashCodeMessageExtractor(100)
{
    public override string? EntityId(object message) => message switch
    {
        ISweepMessage sweep => sweep.SweepId,
        _ => null,
    };
}
