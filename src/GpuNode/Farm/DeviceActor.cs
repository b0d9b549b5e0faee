using Akka.Actor;
using Akka.Event;
using Daft.GpuNode.Farm.Execution;
using Daft.Shared.Farm;

namespace Daft.GpuNode.Farm;

/// <summary>
/// Owns one device and runs one job on it at a time. It pulls: when idle it asks the dispatcher for work (again every
/// few seconds until a lease comes); with a lease it acknowledges, runs the job off the mailbox through its
/// <see cref="IJobExecutor"/>, heartbeats the latest progress, and reports the outcome until the report is
/// acknowledged (asking for its next job in the same message). A <see cref="CancelJob"/> stops the job. On
/// <see cref="Drain"/> (the node is shutting down) it stops asking and either hands its job back at once or lets it
/// finish, then answers <see cref="Drained"/>.
/// </summary>
public sealed class DeviceActor : ReceiveActor, IWithTimers
{
    private readonly DeviceDescriptor descriptor;
    private readonly NodeDevice device;
    private readonly string home;
    private readonly IActorRef dispatcher;
    private readonly IJobExecutor executor;
    private readonly DeviceTimings timings;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private RunningAttempt? current;
    private JobFinished? unacknowledged;
    private bool draining;
    private (string? JobId, int Attempt) lastLease;
    private bool handBack;
    private IActorRef? drainedReplyTo;

    public DeviceActor(NodeDevice device, string node, string home, IActorRef dispatcher, IJobExecutor executor, DeviceTimings timings)
    {
        descriptor = device.Describe(node);
        this.device = device;
        this.home = home;
        this.dispatcher = dispatcher;
        this.executor = executor;
        this.timings = timings;

        Receive<WorkLease>(Start);
        Receive<CancelJob>(Cancel);
        Receive<JobFinishedAck>(Acknowledged);
        Receive<Progressed>(Progress);
        Receive<Ended>(End);
        Receive<Drain>(BeginDrain);
        Receive<Tick>(_ => OnTick());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(NodeDevice device, string node, string home, IActorRef dispatcher, IJobExecutor executor, DeviceTimings timings) =>
        Akka.Actor.Props.Create(() => new DeviceActor(device, node, home, dispatcher, executor, timings));

    protected override void PreStart()
    {
        dispatcher.Tell(new RequestWork(descriptor));
        Timers.StartPeriodicTimer("tick", Tick.Instance, timings.Heartbeat);
    }

    protected override void PostStop() => current?.Cancellation.Cancel();

    private void Start(WorkLease lease)
    {
        if (current is { } busy)
        {
            if (busy.JobId != lease.JobId || busy.Attempt != lease.Attempt)
                log.Warning("{Device}: lease for job {JobId} attempt {Attempt} while running {RunningJobId}; ignored (the dispatcher will take it back)",
                    device.Name, lease.JobId, lease.Attempt, busy.JobId);
            return;
        }

        if (draining)
        {
            dispatcher.Tell(new JobReleased(lease.JobId, lease.Attempt, descriptor, "the node is shutting down"));
            return;
        }

        // A lease may overtake the ack of the previous report: it proves the report arrived.
        unacknowledged = null;
        lastLease = (lease.JobId, lease.Attempt);
        var attempt = new RunningAttempt(lease.JobId, lease.Attempt, new CancellationTokenSource());
        current = attempt;
        dispatcher.Tell(new JobStarted(lease.JobId, lease.Attempt, descriptor));
        log.Info("{Device}: job {JobId} attempt {Attempt} started ({Executor})", device.Name, lease.JobId, lease.Attempt, executor.Name);
        var self = Self;
        var work = device.Work(lease, home);
        Task.Run(() => executor.RunAsync(work, (progress, milestone) => self.Tell(new Progressed(lease.JobId, lease.Attempt, progress, milestone)), attempt.Cancellation.Token))
            .ContinueWith(task => new Ended(lease.JobId, lease.Attempt, task.IsCompletedSuccessfully
                ? task.Result
                : new JobOutcome("failed", $"executor error: {task.Exception?.GetBaseException().Message}", true, null)))
            .PipeTo(self);
    }

    private void Progress(Progressed message)
    {
        if (current is not { } attempt || attempt.JobId != message.JobId || attempt.Attempt != message.Attempt)
            return;
        attempt.ProgressJson = ProgressLines.ToJson(message.Progress);
        if (message.Milestone)
            dispatcher.Tell(new JobHeartbeat(attempt.JobId, attempt.Attempt, descriptor, attempt.ProgressJson, true));
    }

    private void Cancel(CancelJob message)
    {
        if (current is { } attempt && attempt.JobId == message.JobId && attempt.Attempt == message.Attempt)
        {
            log.Info("{Device}: stopping job {JobId} attempt {Attempt}: {Reason}", device.Name, message.JobId, message.Attempt, message.Reason);
            attempt.Cancelled = true;
            attempt.Cancellation.Cancel();
        }
    }

    private void End(Ended ended)
    {
        if (current is not { } attempt || attempt.JobId != ended.JobId || attempt.Attempt != ended.Attempt)
            return;
        current = null;
        attempt.Cancellation.Dispose();
        var outcome = ended.Outcome;
        // One structured line per attempt (JobId, Attempt, Device, Outcome, DurationSeconds); a failure at Warning.
        var seconds = attempt.Clock.Elapsed.TotalSeconds;
        object[] values = outcome.Reason is { } reason
            ? [device.Name, ended.JobId, ended.Attempt, outcome.Status, seconds, reason]
            : [device.Name, ended.JobId, ended.Attempt, outcome.Status, seconds];
        var template = "{Device}: job {JobId} attempt {Attempt} {Outcome} after {DurationSeconds:0.0} s" + (outcome.Reason is null ? "" : ": {Reason}");
        if (outcome.Status == JobStatuses.Failed)
            log.Warning(template, values);
        else
            log.Info(template, values);
        if (draining && handBack && !attempt.Cancelled && outcome.Status == "cancelled")
        {
            dispatcher.Tell(new JobReleased(ended.JobId, ended.Attempt, descriptor, "the node is shutting down"));
            FinishDrain();
            return;
        }

        unacknowledged = new JobFinished(ended.JobId, ended.Attempt, descriptor, outcome.Status, outcome.Reason, outcome.Retryable, outcome.ResultJson, WantsMore: !draining);
        dispatcher.Tell(unacknowledged);
    }

    private void Acknowledged(JobFinishedAck ack)
    {
        if (unacknowledged is { } report && report.JobId == ack.JobId && report.Attempt == ack.Attempt)
        {
            unacknowledged = null;
            if (draining)
                FinishDrain();
        }
    }

    private void BeginDrain(Drain drain)
    {
        draining = true;
        handBack = drain.HandBack;
        drainedReplyTo = Sender;
        if (current is { } attempt && handBack)
            attempt.Cancellation.Cancel();
        else if (current is null && unacknowledged is null)
            FinishDrain();
    }

    private void FinishDrain() => drainedReplyTo?.Tell(Drained.Instance);

    /// <summary>Heartbeat while busy, resend an unacknowledged report, or ask again for work while idle.</summary>
    private void OnTick()
    {
        if (current is { } attempt)
            dispatcher.Tell(new JobHeartbeat(attempt.JobId, attempt.Attempt, descriptor, attempt.ProgressJson, false));
        else if (unacknowledged is { } report)
            dispatcher.Tell(report);
        else if (!draining)
            dispatcher.Tell(new RequestWork(descriptor, lastLease.JobId, lastLease.Attempt));
    }

    private sealed class RunningAttempt(string jobId, int attempt, CancellationTokenSource cancellation)
    {
        public string JobId { get; } = jobId;
        public int Attempt { get; } = attempt;
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public string? ProgressJson { get; set; }
        public bool Cancelled { get; set; }

        /// <summary>Since the lease was taken: the attempt's duration in the node's log.</summary>
        public System.Diagnostics.Stopwatch Clock { get; } = System.Diagnostics.Stopwatch.StartNew();
    }

    private sealed record Progressed(string JobId, int Attempt, JobProgress Progress, bool Milestone);

    private sealed record Ended(string JobId, int Attempt, JobOutcome Outcome);

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}

/// <summary>Stop taking work; <paramref name="HandBack"/>: give the running job back now instead of finishing it. Answered with <see cref="Drained"/>.</summary>
public sealed record Drain(bool HandBack);

/// <summary>The device is idle and takes no more work.</summary>
public sealed class Drained
{
    public static readonly Drained Instance = new();
}

/// <summary>The device's clock: heartbeats (and idle re-requests, and report resends) every <see cref="Heartbeat"/>.</summary>
public sealed record DeviceTimings(TimeSpan Heartbeat);
