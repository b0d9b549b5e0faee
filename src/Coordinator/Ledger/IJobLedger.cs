using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Ledger;

/// <summary>
/// The job ledger and results store: the farm's source of truth (DESIGN.md, "The relational DB is the source of truth").
/// Every job state change and every result is written here before it is acknowledged. Two implementations with one
/// schema and one contract test suite: SQLite (default, one file) and PostgreSQL (cluster). Synchronous on purpose:
/// the dispatcher batches its writes and calls <see cref="Write"/> once per batch from its own thread.
/// Implementations are safe to call from several threads (each call takes its own connection from the pool).
/// </summary>
public interface IJobLedger : IDisposable
{
    /// <summary>Where the data lives, for logs and messages, with any password removed: "sqlite:/path/daft.db".</summary>
    string Description { get; }

    /// <summary>
    /// Records a sweep and its jobs in one transaction. The sweep row is inserted if new (same id = same sweep: its
    /// priority and max_attempts are updated to the plan's, and a cancelled sweep is active again). Every job is inserted if its id is new (state pending,
    /// attempt 0, <c>submitted_seq</c> increasing in plan order); a job already there keeps its row, except that a job
    /// in state failed or cancelled goes back to pending with attempt 0 and no reason ("resubmitting re-runs what did
    /// not succeed"). Every job is linked to the sweep with its tags. Returns each job's state after the call, and
    /// which ids were new.
    /// </summary>
    SubmitOutcome Submit(SweepPlan plan, DateTimeOffset now);

    /// <summary>
    /// Applies the writes in order, in one transaction: all or nothing. A job write whose attempt is lower than the
    /// row's current attempt is ignored (a late message from a lost lease), and so is one from a state it may not
    /// leave (each write record says which): an ignored write changes nothing and records no event. A result is
    /// stored at most once per job.
    /// </summary>
    /// <exception cref="InvalidOperationException">A write names a job or sweep the ledger does not have; nothing of the batch was applied.</exception>
    void Write(IReadOnlyList<LedgerWrite> writes);

    /// <summary>Every job in state pending, leased or running, in submission order, with the sweeps it belongs to.</summary>
    IReadOnlyList<StoredJob> OpenJobs();

    /// <summary>The current state of each id that exists (ids not in the ledger are left out).</summary>
    IReadOnlyDictionary<string, JobState> States(IReadOnlyCollection<string> jobIds);

    /// <summary>One job, or null.</summary>
    StoredJob? Job(string jobId);

    /// <summary>The jobs of a sweep in submission order, with their tags in that sweep.</summary>
    IReadOnlyList<StoredJob> JobsOfSweep(string sweepId);

    /// <summary>
    /// What a sweep's status view needs, from one snapshot, or null when there is no such sweep: its counts, its notable
    /// jobs (see <see cref="SweepSnapshot"/>) and the history of each notable job <paramref name="historyOf"/> picks.
    /// Jobs pending at attempt 0 and jobs that succeeded at the first try are counted, not read, so the cost follows
    /// what is happening, not the sweep's size.
    /// </summary>
    SweepSnapshot? SnapshotOfSweep(string sweepId, Func<StoredJob, bool> historyOf);

    /// <summary>One sweep with its job counts by state, or null.</summary>
    StoredSweep? Sweep(string sweepId);

    /// <summary>Every sweep, newest first, with counts.</summary>
    IReadOnlyList<StoredSweep> Sweeps();

    /// <summary>A job's history, oldest first.</summary>
    IReadOnlyList<JobEventRow> Events(string jobId);

    /// <summary>The result of a succeeded (or NaN-stopped) job, or null.</summary>
    StoredResult? Result(string jobId);

    /// <summary>The results of a sweep's jobs, in submission order.</summary>
    IReadOnlyList<StoredResult> ResultsOfSweep(string sweepId);
}
