using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.Farm.Actors;

/// <summary>
/// Picks up sweeps submitted straight to the ledger (<c>daft sweep submit</c> writes the shared database, then any
/// coordinator of that database runs it): every <c>interval</c> it reads the sweeps' job counts and starts each sweep
/// whose pending count grew since it last looked (new sweeps, and resubmissions that re-queued failed jobs). Starting
/// a sweep twice is harmless: the dispatcher merges what it already holds. It also carries out what
/// <c>daft sweep cancel</c>, <c>daft sweep priority</c> and <c>daft job cancel</c> wrote to the ledger: when an active
/// sweep's cancelled count grew, its cancelled jobs go to the dispatcher, which stops those it still runs (the others it
/// no longer holds). <c>daft job retry</c> needs nothing more: its jobs are pending again, so the pending count grew.
/// </summary>
public sealed class SweepIntake : ReceiveActor, IWithTimers
{
    private readonly Dictionary<string, int> pendingSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> prioritySeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> cancelledSeen = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter log = Context.GetLogger();

    public SweepIntake(IJobLedger ledger, IActorRef sweeps, IActorRef dispatcher, TimeSpan interval)
    {
        Receive<Poll>(_ =>
        {
            IReadOnlyList<StoredSweep> all;
            try
            {
                all = ledger.Sweeps();
            }
            catch (Exception error)
            {
                log.Warning(error, "sweep intake: reading the ledger failed ({Error}); trying again in {RetrySeconds:0} s", error.Message, interval.TotalSeconds);
                return;
            }

            foreach (var sweep in all)
            {
                var pending = sweep.Counts.GetValueOrDefault(JobState.Pending.Text());
                var open = pending + sweep.Counts.GetValueOrDefault(JobState.Leased.Text()) + sweep.Counts.GetValueOrDefault(JobState.Running.Text());
                if (sweep.State == "cancelled")
                {
                    // `daft sweep cancel` marked it in the ledger: stop what still runs.
                    if (open > 0)
                    {
                        log.Info("sweep intake: sweep {Sweep} ({SweepId}) was cancelled; stopping its {OpenJobs} open jobs", sweep.Name, sweep.Id, open);
                        sweeps.Tell(new CancelSweep(sweep.Id, "cancelled by the user"));
                    }

                    continue;
                }

                if (prioritySeen.TryGetValue(sweep.Id, out var priority) && priority != sweep.Priority)
                {
                    sweeps.Tell(new SetSweepPriority(sweep.Id, sweep.Priority));
                }

                prioritySeen[sweep.Id] = sweep.Priority;
                var cancelled = sweep.Counts.GetValueOrDefault(JobState.Cancelled.Text());
                var moreCancelled = cancelledSeen.TryGetValue(sweep.Id, out var cancelledBefore) && cancelled > cancelledBefore;
                if (!moreCancelled || CancelJobsOf(ledger, dispatcher, sweep))
                {
                    cancelledSeen[sweep.Id] = cancelled;
                }
                var seen = pendingSeen.GetValueOrDefault(sweep.Id, -1);
                pendingSeen[sweep.Id] = pending;
                if (pending > seen && pending > 0)
                {
                    log.Info("sweep intake: starting sweep {Sweep} ({SweepId}), {PendingJobs} pending jobs", sweep.Name, sweep.Id, pending);
                    sweeps.Tell(new StartSweep(sweep.Id));
                }
            }
        });
        Receive<SweepStatus>(_ => { });
        Receive<Status.Failure>(failure => log.Warning(failure.Cause, "sweep intake: a sweep did not start: {Error}", failure.Cause.Message));
        Timers.StartPeriodicTimer("poll", Poll.Instance, TimeSpan.Zero, interval);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IJobLedger ledger, IActorRef sweeps, IActorRef dispatcher, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new SweepIntake(ledger, sweeps, dispatcher, interval));

    /// <summary>Hands the sweep's cancelled jobs to the dispatcher; false when the ledger could not be read (tried again next poll).</summary>
    private bool CancelJobsOf(IJobLedger ledger, IActorRef dispatcher, StoredSweep sweep)
    {
        try
        {
            var cancelled = ledger.JobsOfSweep(sweep.Id).Where(job => job.State == JobState.Cancelled).Select(job => job.Id).ToImmutableArray();
            log.Info("sweep intake: jobs of sweep {0} ({1}) were cancelled in the ledger; stopping any still running", sweep.Name, sweep.Id);
            dispatcher.Tell(new CancelJobs(cancelled, "cancelled by the user"));
            return true;
        }
        catch (Exception error)
        {
            log.Warning("sweep intake: reading the jobs of sweep {0} failed ({1}); trying again next time", sweep.Id, error.Message);
            return false;
        }
    }

    private sealed class Poll
    {
        public static readonly Poll Instance = new();
    }
}
