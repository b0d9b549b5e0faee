namespace Daft.Coordinator.Ledger;

/// <summary>One step of the schema's history: applied once per database, in version order, recorded in <c>schema_migrations</c>.</summary>
/// <param name="Version">1, 2, 3…: never reused, never renumbered.</param>
/// <param name="Name">What it does, for the record.</param>
/// <param name="Steps">Its statements, with <see cref="SqlDialect.TimestampToken"/> and <see cref="SqlDialect.SerialKeyToken"/> where the dialects differ.</param>
internal sealed record LedgerMigration(int Version, string Name, IReadOnlyList<string> Steps);

/// <summary>
/// The ledger's schema as an ordered list of migrations. A database records which it has; opening one applies the
/// rest (<see cref="LedgerMigrator"/>). A released migration is never edited: a change to the schema is a new entry at
/// the end, so that every database, old or new, ends up with the same tables.
/// </summary>
/// <remarks>
/// Times are <c>{timestamp}</c> columns; <c>jobs.depends_on</c> and <c>sweep_jobs.tags</c> are JSON text
/// (<see cref="LedgerJson"/>). <c>jobs.node</c>/<c>device</c> say where the latest attempt was leased;
/// <c>lease_expires_at</c> is set only while leased or running. States are checked against
/// <see cref="Jobs.JobStates.Text"/>'s spellings, so a hand edit cannot invent one.
/// </remarks>
internal static class LedgerSchema
{
    /// <summary>The table that records applied migrations (created before any migration runs).</summary>
    public const string MigrationsTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at {timestamp} NOT NULL)";

    public static IReadOnlyList<LedgerMigration> Migrations { get; } =
    [
        new(1, "jobs, sweeps, events and results",
        [
            """
            CREATE TABLE sweeps (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                source_file TEXT,
                source_text TEXT,
                priority INTEGER NOT NULL,
                max_attempts INTEGER NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('active', 'cancelled')),
                submitted_at {timestamp} NOT NULL)
            """,
            """
            CREATE TABLE jobs (
                id TEXT PRIMARY KEY,
                submitted_seq BIGINT NOT NULL UNIQUE,
                spec_yaml TEXT NOT NULL,
                method TEXT NOT NULL,
                dataset TEXT NOT NULL,
                backbone TEXT NOT NULL,
                run_num INTEGER NOT NULL,
                depends_on TEXT NOT NULL,
                requirement_kind TEXT,
                requirement_min_memory_mb BIGINT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'leased', 'running', 'succeeded', 'failed', 'cancelled')),
                attempt INTEGER NOT NULL,
                max_attempts INTEGER NOT NULL,
                node TEXT,
                device TEXT,
                lease_expires_at {timestamp},
                submitted_at {timestamp} NOT NULL,
                started_at {timestamp},
                finished_at {timestamp},
                reason TEXT,
                retryable BOOLEAN,
                progress_json TEXT,
                updated_at {timestamp} NOT NULL)
            """,
            "CREATE INDEX jobs_state ON jobs (state, submitted_seq)",
            """
            CREATE TABLE sweep_jobs (
                sweep_id TEXT NOT NULL REFERENCES sweeps (id),
                job_id TEXT NOT NULL REFERENCES jobs (id),
                tags TEXT NOT NULL,
                PRIMARY KEY (sweep_id, job_id))
            """,
            "CREATE INDEX sweep_jobs_job ON sweep_jobs (job_id)",
            """
            CREATE TABLE job_events (
                seq {serial_key},
                job_id TEXT NOT NULL REFERENCES jobs (id),
                at {timestamp} NOT NULL,
                kind TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                node TEXT,
                device TEXT,
                detail TEXT)
            """,
            "CREATE INDEX job_events_job ON job_events (job_id, seq)",
            """
            CREATE TABLE results (
                job_id TEXT PRIMARY KEY REFERENCES jobs (id),
                attempt INTEGER NOT NULL,
                status TEXT NOT NULL,
                result_json TEXT NOT NULL,
                created_at {timestamp} NOT NULL)
            """,
        ]),
        // A sweep's status at 100,000 jobs (BENCHMARKS.md, `daft bench sweep`): counting its jobs by state joined every
        // link to its job row (0.3 s in SQLite). sweep_jobs now carries its job's state, kept by a trigger on jobs.state
        // (one indexed UPDATE of the job's own links, no shared row), and is counted from an index of (sweep_id,
        // job_state) alone. The view reads only the jobs whose row or history says more than "waiting" or "done at the
        // first try" (LedgerQueries.NotableJobsOfSweep), found by ranges of (state, attempt) instead of by reading every row.
        new(2, "sweep_jobs.job_state kept by a trigger; indexes for the sweep status view",
        [
            "ALTER TABLE sweep_jobs ADD COLUMN job_state TEXT NOT NULL DEFAULT 'pending'",
            "UPDATE sweep_jobs SET job_state = (SELECT j.state FROM jobs j WHERE j.id = sweep_jobs.job_id)",
            "CREATE INDEX sweep_jobs_state ON sweep_jobs (sweep_id, job_state)",
            "CREATE INDEX jobs_state_attempt ON jobs (state, attempt)",
            SqlDialect.JobStateTriggerToken,
        ]),
    ];

    /// <summary>The newest version this build knows.</summary>
    public static int LatestVersion => Migrations[^1].Version;
}
