using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Daft.Coordinator.Farm.Dispatch;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Shared.Farm;

namespace Daft.Coordinator.Farm.Actors;

/// <summary>
/// The dispatch queue, a cluster singleton on the coordinator role: a thin shell over <see cref="DispatchState"/>.
/// Group commit: each message's decisions are applied in memory at once, but their ledger writes are batched until the
/// mailbox has drained (a <c>Flush</c> sent to self lands behind the messages already queued) and written in one
/// transaction; only then are its replies sent. Nothing is acknowledged before it is durable, and under load one commit
/// carries many jobs' changes. If the database is unreachable the batch is retried with backoff (replies wait, nothing is
/// lost; devices keep resending what has not been acknowledged). On start it rebuilds its state from the ledger.
/// </summary>
public sealed class DispatcherActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private readonly IJobLedger ledger;
    private readonly IActorRef sweeps;
    private readonly Func<DateTimeOffset> clock;
    private readonly DispatchState state;
    private readonly Dictionary<string, IActorRef> devices = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter log = Context.GetLogger();

    /// <summary>Set in PreStart, with the tick interval.</summary>
    private StallDetector? stalls;
    private DispatchOutput pending = new();
    private bool flushQueued;
    private TimeSpan backoff = TimeSpan.FromMilliseconds(200);

    public DispatcherActor(IJobLedger ledger, DispatchSettings settings, IActorRef sweeps, Func<DateTimeOffset>? clock = null)
    {
        this.ledger = ledger;
        this.sweeps = sweeps;
        this.clock = clock ?? (() => DateTimeOffset.UtcNow);
        state = new DispatchState(settings);

        Receive<RequestWork>(message => FromDevice(message.Device, () => state.RequestWork(message, Now)));
        Receive<JobStarted>(message => FromDevice(message.Device, () => state.Started(message, Now)));
        Receive<JobHeartbeat>(message => FromDevice(message.Device, () => state.Heartbeat(message, Now)));
        Receive<JobFinished>(message => FromDevice(message.Device, () => state.Finished(message, Now)));
        Receive<JobReleased>(message => FromDevice(message.Device, () => state.Released(message, Now)));
        Receive<EnqueueSweep>(message =>
        {
            Take(ledger.JobsOfSweep(message.SweepId).Where(job => job.State.IsOpen()).ToList());
            Sender.Tell(Akka.Done.Instance);
        });
        Receive<CancelSweepJobs>(message =>
        {
            // Cancel what the ledger holds open for the sweep, not only what this dispatcher has taken over so far.
            Take(ledger.JobsOfSweep(message.SweepId).Where(job => job.State.IsOpen()).ToList());
            Queue(state.CancelSweep(message.SweepId, message.Reason, Now));
        });
        Receive<CancelJobs>(message => Queue(state.Cancel(message.JobIds, message.Reason, Now)));
        Receive<SetPriority>(message => Queue(state.SetPriority(message.SweepId, message.Priority, Now)));
        Receive<GetDispatchSnapshot>(_ => Sender.Tell(new DispatchSnapshot(state.OpenCount, state.ReadyCount,
            [.. state.IdleDevices.Select(device => device.ToString())],
            [.. state.Leases().Select(lease => new RunningJob(lease.JobId, lease.Device.ToString(), lease.Attempt, null))])));
        Receive<GetFarmDevices>(_ => Sender.Tell(FarmDevices.Of(state, Now)));
        Receive<ClusterEvent.MemberRemoved>(message =>
            Queue(state.NodeLost(message.Member.Address.ToString(), $"node {message.Member.Address} left the cluster", Now)));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<Tick>(_ =>
        {
            if (stalls?.Tick(Now) is { } stall)
            {
                log.Warning("dispatcher: this coordinator did not run for {StallSeconds:0.#} s (CPU overload or a long GC?); lease expiry waits one tick so the heartbeats queued meanwhile count", stall.TotalSeconds);
                return;
            }

            Queue(state.Tick(Now));
        });
        Receive<FlushNow>(_ => Flush());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private DateTimeOffset Now => clock();

    public static Props Props(IJobLedger ledger, DispatchSettings settings, IActorRef sweeps, Func<DateTimeOffset>? clock = null) =>
        Akka.Actor.Props.Create(() => new DispatcherActor(ledger, settings, sweeps, clock));

    protected override void PreStart()
    {
        var open = ledger.OpenJobs();
        log.Info("dispatcher: {OpenJobs} open jobs in {Ledger}", open.Count, ledger.Description);
        Take(open);
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));
        var tick = state.Settings.Heartbeat < TimeSpan.FromSeconds(1) ? state.Settings.Heartbeat : TimeSpan.FromSeconds(1);
        stalls = new StallDetector(tick);
        Timers.StartPeriodicTimer("tick", Tick.Instance, tick);
    }

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    /// <summary>Hands open jobs to the state, with the ledger state of their dependencies that are not open.</summary>
    private void Take(IReadOnlyList<StoredJob> open)
    {
        var openIds = open.Select(job => job.Id).ToHashSet(StringComparer.Ordinal);
        var dependencies = open.SelectMany(job => job.DependsOn).Where(id => !openIds.Contains(id) && state.StateOf(id) is null).Distinct().ToList();
        var states = dependencies.Count == 0 ? new Dictionary<string, JobState>() : ledger.States(dependencies);
        Queue(state.Enqueue(open, states, Now));
    }

    private void FromDevice(DeviceDescriptor device, Func<DispatchOutput> step)
    {
        devices[device.ToString()] = Sender;
        Queue(step());
    }

    private void Queue(DispatchOutput output)
    {
        if (output.IsEmpty)
        {
            return;
        }

        pending.Append(output);
        if (!flushQueued)
        {
            flushQueued = true;
            Self.Tell(FlushNow.Instance);
        }
    }

    private void Flush()
    {
        flushQueued = false;
        var batch = pending;
        if (batch.Writes.Count > 0)
        {
            try
            {
                ledger.Write(batch.Writes);
                backoff = TimeSpan.FromMilliseconds(200);
            }
            catch (Exception error)
            {
                log.Error(error, "ledger write of {Writes} changes failed ({ErrorType}: {Error}); retrying in {RetrySeconds:0.0} s, nothing is acknowledged meanwhile",
                    batch.Writes.Count, error.GetType().Name, error.Message, backoff.TotalSeconds);
                flushQueued = true;
                Timers.StartSingleTimer("flush-retry", FlushNow.Instance, backoff);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                return;
            }
        }

        pending = new DispatchOutput();
        foreach (var message in batch.Messages)
        {
            if (devices.TryGetValue(message.Device.ToString(), out var device))
            {
                device.Tell(message.Message, Self);
            }
        }

        foreach (var change in batch.Changes)
        {
            LogChange(change);
            foreach (var sweep in change.Sweeps)
            {
                sweeps.Tell(new SweepJobChanged(sweep, change));
            }
        }
    }

    /// <summary>
    /// A job's state change, once it is in the ledger, as a structured line: leases and progress at Debug (a sweep
    /// has many), a failure for good at Warning, everything else (running, succeeded, re-queued, cancelled) at Info.
    /// </summary>
    private void LogChange(JobChanged change)
    {
        var state = change.State.Text();
        if (change.State == JobState.Leased || (change.State == JobState.Running && change.ProgressJson is not null))
        {
            log.Debug("job {JobId} attempt {Attempt}: {State} on {Device}, progress {Progress}", change.JobId, change.Attempt, state, change.Device, change.ProgressJson);
        }
        else if (change.State == JobState.Failed)
        {
            log.Warning("job {JobId} attempt {Attempt}: {State}: {Reason}", change.JobId, change.Attempt, state, change.Reason);
        }
        else if (change.Reason is { } reason)
        {
            log.Info("job {JobId} attempt {Attempt}: {State} ({Reason})", change.JobId, change.Attempt, state, reason);
        }
        else if (change.Device is { } device)
        {
            log.Info("job {JobId} attempt {Attempt}: {State} on {Device}", change.JobId, change.Attempt, state, device);
        }
        else
        {
            // A job that ended has given its device back already.
            log.Info("job {JobId} attempt {Attempt}: {State}", change.JobId, change.Attempt, state);
        }
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed class FlushNow
    {
        public static readonly FlushNow Instance = new();
    }
}
