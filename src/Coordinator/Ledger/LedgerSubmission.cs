using System.Globalization;
using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Ledger;

/// <summary>
/// <see cref="IJobLedger.Submit"/> inside its transaction: the sweep upserted, then the plan in chunks of
/// <see cref="JobsPerChunk"/>: one lookup of the chunk's ids; multi-row inserts of its new jobs (<see cref="LedgerRowInsert"/>),
/// then their "submitted" events in one INSERT … SELECT; a requeue and a "resubmitted" event per failed or cancelled
/// job; a sweep link per job. A job's YAML is written only when the job is new, on every core (it is most of a large
/// submission's work).
/// The lookup is exact: submissions exclude each other (the submit lock), and no write moves a failed or cancelled
/// job, so the states read are the states the statements meet.
/// </summary>
internal static class LedgerSubmission
{
    private const int JobsPerChunk = 2000;

    private const string InsertJobs =
        """
        INSERT INTO jobs (id, submitted_seq, spec_yaml, method, dataset, backbone, run_num, depends_on,
            requirement_kind, requirement_min_memory_mb, state, attempt, max_attempts, submitted_at, updated_at) VALUES
        """;

    private const string JobRow =
        "(@id#, @seq#, @spec#, @method#, @dataset#, @backbone#, @run_num#, @depends_on#, @kind#, @min_memory#, 'pending', 0, @max_attempts#, @at#, @at#)";

    // Resubmitting re-runs what did not succeed: a fresh start, with the plan's attempt budget.
    private const string RequeueJob =
        """
        UPDATE jobs SET state = 'pending', attempt = 0, max_attempts = @max_attempts, lease_expires_at = NULL,
            started_at = NULL, finished_at = NULL, reason = NULL, retryable = NULL, progress_json = NULL, updated_at = @at
        WHERE id = @id AND state IN ('failed', 'cancelled')
        """;

    // job_state is the job's state after this submission; later changes reach it by the trigger on jobs.state.
    private const string InsertLinks = "INSERT INTO sweep_jobs (sweep_id, job_id, tags, job_state) VALUES";
    private const string LinkRow = "(@sweep#, @id#, @tags#, @state#)";
    private const string LinkConflict = "ON CONFLICT (sweep_id, job_id) DO UPDATE SET tags = excluded.tags, job_state = excluded.job_state";

    private const string InsertEvents = "INSERT INTO job_events (job_id, at, kind, attempt, detail) VALUES";
    private const string EventRow = "(@id#, @at#, @kind#, 0, @sweep#)";

    // The "submitted" events of a chunk's new jobs in one set-based statement: their submitted_seq values are consecutive.
    private const string InsertSubmittedEvents =
        """
        INSERT INTO job_events (job_id, at, kind, attempt, detail)
        SELECT id, submitted_at, 'submitted', 0, @sweep FROM jobs WHERE submitted_seq BETWEEN @first AND @last ORDER BY submitted_seq
        """;

    private const string UpsertSweep =
        """
        INSERT INTO sweeps (id, name, source_file, source_text, priority, max_attempts, state, submitted_at)
        VALUES (@id, @name, @source_file, @source_text, @priority, @max_attempts, 'active', @at)
        ON CONFLICT (id) DO UPDATE SET priority = excluded.priority, max_attempts = excluded.max_attempts, state = 'active'
        """;

    /// <summary>Records <paramref name="plan"/>; the caller commits.</summary>
    public static SubmitOutcome Run(LedgerPipeline pipeline, LedgerQueries queries, SqlDialect dialect, SweepPlan plan, DateTimeOffset now)
    {
        if (dialect.LockStatement(LedgerLock.Submit) is { } takeLock)
        {
            pipeline.Execute([new LedgerStatement(takeLock)]);
        }

        pipeline.Execute(
        [
            new LedgerStatement(UpsertSweep).Text("@id", plan.SweepId).Text("@name", plan.Name).Text("@source_file", plan.SourceFile)
                .Text("@source_text", plan.SourceText).Int("@priority", plan.Priority).Int("@max_attempts", plan.MaxAttempts)
                .Time("@at", now),
        ]);
        var last = pipeline.FirstRows([new LedgerStatement("SELECT MAX(submitted_seq) FROM jobs")])[0]?[0];
        var seq = last is null ? 0 : Convert.ToInt64(last, CultureInfo.InvariantCulture);

        var states = new Dictionary<string, JobState>(plan.Jobs.Length, StringComparer.Ordinal);
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        var requeued = new HashSet<string>(StringComparer.Ordinal);
        var jobs = new LedgerRowInsert(InsertJobs, JobRow, "", dialect.RowsPerInsert);
        var events = new LedgerRowInsert(InsertEvents, EventRow, "", dialect.RowsPerInsert);
        var links = new LedgerRowInsert(InsertLinks, LinkRow, LinkConflict, dialect.RowsPerInsert);
        foreach (var chunk in plan.Jobs.Chunk(JobsPerChunk))
        {
            var known = queries.States([.. chunk.Select(job => job.Id)]);
            var fresh = chunk.Where(job => !known.ContainsKey(job.Id) && !states.ContainsKey(job.Id)).DistinctBy(job => job.Id).ToList();
            var yaml = fresh.AsParallel().AsOrdered().Select(job => job.Spec.ToYaml()).ToList();
            var changes = new List<LedgerStatement>();
            var firstSeq = seq + 1;
            for (var i = 0; i < fresh.Count; i++)
            {
                AddJob(jobs, fresh[i], yaml[i], ++seq, plan.MaxAttempts, now);
                states[fresh[i].Id] = JobState.Pending;
                inserted.Add(fresh[i].Id);
            }

            if (fresh.Count > 0)
            {
                changes.Add(new LedgerStatement(InsertSubmittedEvents).Text("@sweep", plan.SweepId).Long("@first", firstSeq).Long("@last", seq));
            }

            foreach (var job in chunk.Where(job => !states.ContainsKey(job.Id)))
            {
                var state = known[job.Id];
                if (state is JobState.Failed or JobState.Cancelled)
                {
                    changes.Add(new LedgerStatement(RequeueJob).Text("@id", job.Id).Int("@max_attempts", plan.MaxAttempts).Time("@at", now));
                    AddEvent(events, job.Id, "resubmitted", plan.SweepId, now);
                    requeued.Add(job.Id);
                    state = JobState.Pending;
                }

                states[job.Id] = state;
            }

            // One link per job and statement (the last tags win, as they would one by one).
            foreach (var job in chunk.Reverse().DistinctBy(job => job.Id).Reverse())
            {
                links.Add().Text("@sweep", plan.SweepId).Text("@id", job.Id).Text("@tags", LedgerJson.Object(job.Tags))
                    .Text("@state", states[job.Id].Text());
            }

            pipeline.Execute([.. jobs.Take(), .. changes, .. events.Take(), .. links.Take()]);
        }

        return new SubmitOutcome(states, inserted, requeued);
    }

    private static void AddJob(LedgerRowInsert jobs, PlannedJob job, string yaml, long seq, int maxAttempts, DateTimeOffset now) =>
        jobs.Add().Text("@id", job.Id).Long("@seq", seq).Text("@spec", yaml)
            .Text("@method", job.Spec.Method.Name).Text("@dataset", job.Spec.Dataset).Text("@backbone", job.Spec.Backbone)
            .Int("@run_num", job.Spec.RunNum).Text("@depends_on", LedgerJson.Array(job.DependsOn))
            .Text("@kind", job.Requirement.Kind).Long("@min_memory", job.Requirement.MinMemoryMb)
            .Int("@max_attempts", maxAttempts).Time("@at", now);

    private static void AddEvent(LedgerRowInsert events, string jobId, string kind, string sweepId, DateTimeOffset now) =>
        events.Add().Text("@id", jobId).Time("@at", now).Text("@kind", kind).Text("@sweep", sweepId);
}
