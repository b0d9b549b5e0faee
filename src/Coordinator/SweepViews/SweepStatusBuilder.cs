using System.Collections.Immutable;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.SweepViews;

/// <summary>
/// Builds a <see cref="SweepStatusView"/> from ledger rows: the sweep, its jobs and the history of the jobs that
/// <see cref="NeedsEvents"/> names. Pure (the time is a parameter), so every rule is tested on hand-built rows;
/// <see cref="SweepStatusReader"/> feeds it a <see cref="SweepSnapshot"/>, whose counts and jobs are one snapshot of
/// the ledger. Jobs pending at attempt 0 or succeeded at attempt 1 add nothing but a count, so the snapshot leaves them out.
/// </summary>
public static class SweepStatusBuilder
{
    /// <summary>
    /// Whether the view needs the job's history: for a job on a device, the ends of its epochs (the ETA); for a job that
    /// was leased more than once, or is waiting again after a lease, its retries and lost leases. A job leased once that
    /// is running or ended has nothing in its history the row does not say, which keeps a big sweep's view to a few
    /// reads beyond the job rows.
    /// </summary>
    public static bool NeedsEvents(StoredJob job) =>
        job.State is JobState.Leased or JobState.Running || job.Attempt > 1 || (job.State == JobState.Pending && job.Attempt >= 1);

    /// <summary>Pending, leased and running jobs in a count by state.</summary>
    public static int OpenCount(IReadOnlyDictionary<string, int> counts) =>
        Enum.GetValues<JobState>().Where(state => state.IsOpen()).Sum(state => counts.GetValueOrDefault(state.Text()));

    /// <param name="sweep">The sweep row.</param>
    /// <param name="jobs">The sweep's jobs (<see cref="IJobLedger.JobsOfSweep"/>), in submission order.</param>
    /// <param name="events">The history of (at least) every job <see cref="NeedsEvents"/> names; other jobs may be missing.</param>
    /// <param name="now">When the view is taken: the ETAs count from it.</param>
    public static SweepStatusView Build(StoredSweep sweep, IReadOnlyList<StoredJob> jobs, IReadOnlyDictionary<string, IReadOnlyList<JobEventRow>> events,
        DateTimeOffset now)
    {
        var counts = Enum.GetValues<JobState>().ToDictionary(state => state.Text(), _ => 0, StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            counts[job.State.Text()]++;
        }

        return Build(sweep, counts, jobs, events, now);
    }

    /// <summary>The view of a <see cref="SweepSnapshot"/>: counts from the sweep row, running jobs and failures from its notable jobs.</summary>
    public static SweepStatusView Build(SweepSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var counts = Enum.GetValues<JobState>().ToDictionary(state => state.Text(), state => snapshot.Sweep.Counts.GetValueOrDefault(state.Text()), StringComparer.Ordinal);
        return Build(snapshot.Sweep, counts, snapshot.NotableJobs, snapshot.Events, now);
    }

    private static SweepStatusView Build(StoredSweep sweep, Dictionary<string, int> counts, IReadOnlyList<StoredJob> jobs,
        IReadOnlyDictionary<string, IReadOnlyList<JobEventRow>> events, DateTimeOffset now)
    {
        var running = new List<RunningJobView>();
        var failures = new List<(FailureView Failure, long Seq)>();
        foreach (var job in jobs)
        {
            var history = events.TryGetValue(job.Id, out var rows) ? SinceLastSubmission(rows) : [];
            if (job.State is JobState.Leased or JobState.Running)
            {
                running.Add(Running(job, history, now));
            }

            var label = new Lazy<string>(() => JobLabels.Of(job));
            foreach (var row in history.Where(row => row.Kind is "retry" or "requeued"))
            {
                failures.Add((new FailureView(job.Id, label.Value, row.Kind, row.Attempt, row.Detail, row.At, row.Node, row.Device), job.SubmittedSeq));
            }

            if (job.State is JobState.Failed or JobState.Cancelled)
            {
                failures.Add((new FailureView(job.Id, label.Value, job.State.Text(), job.Attempt, job.Reason, job.FinishedAt, job.Node, job.Device),
                    job.SubmittedSeq));
            }
        }

        var ordered = failures
            .OrderBy(entry => entry.Failure.At ?? DateTimeOffset.MaxValue)
            .ThenBy(entry => entry.Seq)
            .ThenBy(entry => entry.Failure.Attempt)
            .Select(entry => entry.Failure);
        return new SweepStatusView(sweep.Id, sweep.Name, sweep.State, sweep.Priority, sweep.MaxAttempts, sweep.SubmittedAt, now,
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, counts), counts.Values.Sum(), OpenCount(counts) == 0, [.. running], [.. ordered]);
    }

    private static RunningJobView Running(StoredJob job, IReadOnlyList<JobEventRow> history, DateTimeOffset now)
    {
        var progress = ProgressReading.Parse(job.ProgressJson);
        var milestones = history
            .Where(row => row.Kind == "progress" && row.Attempt == job.Attempt)
            .Select(row => (Reading: ProgressReading.Parse(row.Detail), row.At))
            .Where(pair => pair.Reading.Epoch is not null)
            .Select(pair => (pair.Reading.Epoch!.Value, pair.At))
            .ToList();
        var eta = progress is { Epoch: { } epoch, Epochs: { } epochs } ? Eta.SecondsLeft(epoch, epochs, job.StartedAt, milestones, now) : null;
        return new RunningJobView(job.Id, JobLabels.Of(job), job.State, job.Node, job.Device, job.Attempt, job.MaxAttempts, job.StartedAt,
            progress.Phase, progress.Epoch, progress.Epochs, progress.IdVal, progress.TrainLoss, eta);
    }

    /// <summary>The rows after the job's latest (re)submission: a resubmitted job starts a new history at attempt 0.</summary>
    private static IReadOnlyList<JobEventRow> SinceLastSubmission(IReadOnlyList<JobEventRow> rows)
    {
        var start = 0;
        for (var i = rows.Count - 1; i >= 0; i--)
        {
            if (rows[i].Kind is "submitted" or "resubmitted")
            {
                start = i + 1;
                break;
            }
        }

        return start == 0 ? rows : [.. rows.Skip(start)];
    }
}
