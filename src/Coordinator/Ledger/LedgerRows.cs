using System.Collections.Immutable;
using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Ledger;

/// <summary>What <see cref="IJobLedger.Submit"/> did: each job's state after it, and which ids it inserted.</summary>
public sealed record SubmitOutcome(IReadOnlyDictionary<string, JobState> States, IReadOnlySet<string> Inserted, IReadOnlySet<string> Requeued);

/// <summary>
/// A job row. <see cref="SubmittedSeq"/> orders jobs by first submission. <see cref="Priority"/> is the highest priority
/// of the sweeps it belongs to (<see cref="Sweeps"/>, sorted). <see cref="Tags"/> are its tags in the sweep it was read
/// for (<see cref="IJobLedger.JobsOfSweep"/>), else empty. <see cref="Node"/> and <see cref="Device"/> say where the
/// latest attempt was leased (kept after it ends); <see cref="LeaseExpiresAt"/> is set only while leased or running.
/// Times are UTC.
/// </summary>
public sealed record StoredJob(
    string Id,
    long SubmittedSeq,
    string SpecYaml,
    string Method,
    string Dataset,
    string Backbone,
    int RunNum,
    ImmutableArray<string> DependsOn,
    DeviceRequirement Requirement,
    JobState State,
    int Attempt,
    int MaxAttempts,
    int Priority,
    string? Node,
    string? Device,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Reason,
    string? ProgressJson,
    ImmutableArray<string> Sweeps,
    ImmutableSortedDictionary<string, string> Tags);

/// <summary>
/// A sweep row with its jobs counted by state (every state's <see cref="JobStates.Text"/> present, zeros included).
/// <see cref="State"/> is "active" or "cancelled".
/// </summary>
public sealed record StoredSweep(
    string Id,
    string Name,
    string? SourceFile,
    string? SourceText,
    int Priority,
    int MaxAttempts,
    string State,
    DateTimeOffset SubmittedAt,
    ImmutableSortedDictionary<string, int> Counts)
{
    public int Total => Counts.Values.Sum();
}

/// <summary>
/// One row of a job's history: <see cref="Kind"/> is a write's <see cref="LedgerWrite.Kind"/>, or "submitted" /
/// "resubmitted" (<see cref="Detail"/> = the sweep id) from <see cref="IJobLedger.Submit"/>.
/// </summary>
public sealed record JobEventRow(long Seq, string JobId, DateTimeOffset At, string Kind, int Attempt, string? Node, string? Device, string? Detail);

/// <summary>A job's result: result.json as text, with the attempt that produced it; <see cref="Status"/> "succeeded", or "failed" for a final failure's partial result.</summary>
public sealed record StoredResult(string JobId, int Attempt, string Status, string ResultJson, DateTimeOffset CreatedAt);

/// <summary>
/// A sweep as its status view reads it (<see cref="IJobLedger.SnapshotOfSweep"/>), from one snapshot of the ledger: the
/// sweep with its counts by state, its notable jobs (leased, running, failed or cancelled; pending again after a lease;
/// succeeded after a retry) in submission order, and the histories of those of them the caller asked for.
/// </summary>
public sealed record SweepSnapshot(StoredSweep Sweep, IReadOnlyList<StoredJob> NotableJobs, IReadOnlyDictionary<string, IReadOnlyList<JobEventRow>> Events);
