using System.Collections.Immutable;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.SweepViews;

/// <summary>
/// One sweep in a list: its identity, its state in the ledger ("active" or "cancelled"), and its jobs counted by state.
/// <see cref="Done"/>: no job of it is open (pending, leased or running), so nothing more happens unless it is submitted
/// again. Read from the ledger alone, so it answers with the cluster down.
/// </summary>
public sealed record SweepSummary(
    string Id,
    string Name,
    string State,
    int Priority,
    DateTimeOffset SubmittedAt,
    ImmutableSortedDictionary<string, int> Counts,
    int Total,
    bool Done)
{
    public static SweepSummary Of(StoredSweep sweep) => new(sweep.Id, sweep.Name, sweep.State, sweep.Priority, sweep.SubmittedAt,
        sweep.Counts, sweep.Total, SweepStatusBuilder.OpenCount(sweep.Counts) == 0);
}

/// <summary>
/// Where a sweep stands, from the ledger alone (<see cref="SweepStatusBuilder"/>): its jobs counted by state (every
/// state present, zeros included), the jobs that hold a device now with their progress and an estimate of the time left,
/// and everything that went wrong, oldest first: jobs that failed or were cancelled for good, and attempts that were
/// retried or lost their device (with the reason the ledger recorded). <see cref="At"/> is the time the view was taken
/// (ETAs count from it). <see cref="Done"/>: no job is open any more.
/// </summary>
public sealed record SweepStatusView(
    string Id,
    string Name,
    string State,
    int Priority,
    int MaxAttempts,
    DateTimeOffset SubmittedAt,
    DateTimeOffset At,
    ImmutableSortedDictionary<string, int> Counts,
    int Total,
    bool Done,
    ImmutableArray<RunningJobView> Running,
    ImmutableArray<FailureView> Failures)
{
    /// <summary>Jobs in <paramref name="state"/>.</summary>
    public int Count(JobState state) => Counts.GetValueOrDefault(state.Text());

    /// <summary>Done, and some job did not succeed: what exit status 4 (<c>ExitCodes.JobsFailed</c>) reports.</summary>
    public bool EndedWithFailures => Done && Count(JobState.Succeeded) < Total;
}

/// <summary>
/// A job that holds a device: where (node, device), which attempt, and its latest progress heartbeat (phase, epochs
/// finished of the epochs planned, the last ID-val accuracy as a fraction and training loss). <see cref="EtaSeconds"/> is
/// the estimated time left (<see cref="Eta"/>), null until an epoch has finished.
/// </summary>
public sealed record RunningJobView(
    string JobId,
    string Label,
    JobState State,
    string? Node,
    string? Device,
    int Attempt,
    int MaxAttempts,
    DateTimeOffset? StartedAt,
    string? Phase,
    int? Epoch,
    int? Epochs,
    double? IdVal,
    double? TrainLoss,
    double? EtaSeconds);

/// <summary>
/// Something that went wrong in a sweep. <see cref="Kind"/>: "failed" or "cancelled" (the job ended so, for good —
/// until it is submitted again), "retry" (an attempt failed and the job was queued again) or "requeued" (the attempt
/// lost its device: node gone, heartbeats stopped, node drained). <see cref="At"/> is when the ledger recorded it.
/// </summary>
public sealed record FailureView(
    string JobId,
    string Label,
    string Kind,
    int Attempt,
    string? Reason,
    DateTimeOffset? At,
    string? Node,
    string? Device);
