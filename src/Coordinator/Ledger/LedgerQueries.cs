using System.Collections.Immutable;
using System.Data.Common;
using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Ledger;

/// <summary>
/// The ledger's reads. Each is one SELECT (<see cref="States"/> and <see cref="EventsOf"/>: one per 500 ids), so it sees one consistent snapshot
/// without a transaction: a job and its sweeps come from a single join, not from two queries a concurrent submission
/// could fall between. Inside a write (<paramref name="transaction"/>) they see what the transaction has done so far.
/// </summary>
internal sealed class LedgerQueries(DbConnection connection, SqlDialect dialect, DbTransaction? transaction = null)
{
    /// <summary>Ids per <c>IN (…)</c> list: far below SQLite's and PostgreSQL's parameter limits.</summary>
    private const int IdsPerQuery = 500;

    // One row per (job, sweep); ordered so that a job's rows are adjacent and its sweeps sorted.
    private const string JobsSql =
        """
        SELECT j.id, j.submitted_seq, j.spec_yaml, j.method, j.dataset, j.backbone, j.run_num, j.depends_on,
            j.requirement_kind, j.requirement_min_memory_mb, j.state, j.attempt, j.max_attempts, j.node, j.device,
            j.lease_expires_at, j.submitted_at, j.started_at, j.finished_at, j.reason, j.progress_json,
            sj.sweep_id, s.priority, sj.tags
        FROM jobs j
        LEFT JOIN sweep_jobs sj ON sj.job_id = j.id
        LEFT JOIN sweeps s ON s.id = sj.sweep_id
        WHERE {0}
        ORDER BY j.submitted_seq, sj.sweep_id
        """;

    private const string SweepsSql =
        """
        SELECT s.id, s.name, s.source_file, s.source_text, s.priority, s.max_attempts, s.state, s.submitted_at,
            c.state, c.jobs
        FROM sweeps s
        LEFT JOIN (SELECT sj.sweep_id, sj.job_state AS state, COUNT(*) AS jobs
                   FROM sweep_jobs sj
                   WHERE {0}
                   GROUP BY sj.sweep_id, sj.job_state) c ON c.sweep_id = s.id
        WHERE {1}
        ORDER BY s.submitted_at DESC, s.id
        """;

    /// <summary>
    /// The jobs whose row or history says more than "waiting" or "done at the first try": leased, running, failed or
    /// cancelled; pending again after a lease; succeeded after a retry. Each term is a range of the index on
    /// (state, attempt), and membership is one lookup per candidate (EXISTS; an IN list would first gather the sweep's
    /// 100,000 ids): a sweep of 100,000 pending or succeeded jobs costs a few index seeks, not 100,000 rows.
    /// </summary>
    private const string Notable =
        "(j.state IN ('leased', 'running', 'failed', 'cancelled') OR (j.state = 'pending' AND j.attempt > 0) OR (j.state = 'succeeded' AND j.attempt > 1))";

    private const string ResultColumns = "r.job_id, r.attempt, r.status, r.result_json, r.created_at";

    public IReadOnlyList<StoredJob> OpenJobs() =>
        ReadJobs(Query(string.Format(JobsSql, "j.state IN ('pending', 'leased', 'running')")), tagsOf: null);

    public StoredJob? Job(string jobId) =>
        ReadJobs(Query(string.Format(JobsSql, "j.id = @id")).Text("@id", jobId), tagsOf: null).SingleOrDefault();

    public IReadOnlyList<StoredJob> JobsOfSweep(string sweepId) =>
        ReadJobs(Query(string.Format(JobsSql, "j.id IN (SELECT job_id FROM sweep_jobs WHERE sweep_id = @sweep)"))
            .Text("@sweep", sweepId), tagsOf: sweepId);

    /// <summary>The jobs of a sweep that are <see cref="Notable"/>, in submission order, with their tags in that sweep.</summary>
    public IReadOnlyList<StoredJob> NotableJobsOfSweep(string sweepId) =>
        ReadJobs(Query(string.Format(JobsSql, $"{Notable} AND EXISTS (SELECT 1 FROM sweep_jobs x WHERE x.sweep_id = @sweep AND x.job_id = j.id)"))
            .Text("@sweep", sweepId), tagsOf: sweepId);

    public IReadOnlyDictionary<string, JobState> States(IReadOnlyCollection<string> jobIds)
    {
        var states = new Dictionary<string, JobState>(jobIds.Count, StringComparer.Ordinal);
        foreach (var chunk in jobIds.Distinct(StringComparer.Ordinal).Chunk(IdsPerQuery))
        {
            var names = Enumerable.Range(0, chunk.Length).Select(i => "@id" + i).ToArray();
            using var query = Query($"SELECT id, state FROM jobs WHERE id IN ({string.Join(", ", names)})");
            for (var i = 0; i < chunk.Length; i++)
            {
                query.Text(names[i], chunk[i]);
            }

            using var rows = query.Read();
            while (rows.Next())
            {
                states[rows.Text(0)] = JobStates.Parse(rows.Text(1));
            }
        }

        return states;
    }

    public StoredSweep? Sweep(string sweepId) =>
        ReadSweeps(Query(string.Format(SweepsSql, "sj.sweep_id = @id", "s.id = @id")).Text("@id", sweepId)).SingleOrDefault();

    public IReadOnlyList<StoredSweep> Sweeps() => ReadSweeps(Query(string.Format(SweepsSql, "1 = 1", "1 = 1")));

    public IReadOnlyList<JobEventRow> Events(string jobId)
    {
        using var query = Query(
            "SELECT seq, job_id, at, kind, attempt, node, device, detail FROM job_events WHERE job_id = @id ORDER BY seq");
        using var rows = query.Text("@id", jobId).Read();
        var events = new List<JobEventRow>();
        while (rows.Next())
        {
            events.Add(ReadEvent(rows));
        }

        return events;
    }

    private static JobEventRow ReadEvent(LedgerReader rows) =>
        new(rows.Long(0), rows.Text(1), rows.Time(2), rows.Text(3), rows.Int(4), rows.TextOrNull(5), rows.TextOrNull(6), rows.TextOrNull(7));

    /// <summary>The histories of <paramref name="jobIds"/>, each oldest first (one SELECT per 500 ids); a job without events is left out.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<JobEventRow>> EventsOf(IReadOnlyCollection<string> jobIds)
    {
        var events = new Dictionary<string, List<JobEventRow>>(jobIds.Count, StringComparer.Ordinal);
        foreach (var chunk in jobIds.Distinct(StringComparer.Ordinal).Chunk(IdsPerQuery))
        {
            var names = Enumerable.Range(0, chunk.Length).Select(i => "@id" + i).ToArray();
            using var query = Query(
                $"SELECT seq, job_id, at, kind, attempt, node, device, detail FROM job_events WHERE job_id IN ({string.Join(", ", names)}) ORDER BY seq");
            for (var i = 0; i < chunk.Length; i++)
            {
                query.Text(names[i], chunk[i]);
            }

            using var rows = query.Read();
            while (rows.Next())
            {
                var row = ReadEvent(rows);
                if (!events.TryGetValue(row.JobId, out var history))
                {
                    events[row.JobId] = history = [];
                }

                history.Add(row);
            }
        }

        return events.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<JobEventRow>)pair.Value, StringComparer.Ordinal);
    }

    public StoredResult? Result(string jobId) =>
        ReadResults(Query($"SELECT {ResultColumns} FROM results r WHERE r.job_id = @id").Text("@id", jobId)).SingleOrDefault();

    public IReadOnlyList<StoredResult> ResultsOfSweep(string sweepId) =>
        ReadResults(Query(
            $"""
            SELECT {ResultColumns} FROM results r
            JOIN sweep_jobs sj ON sj.job_id = r.job_id
            JOIN jobs j ON j.id = r.job_id
            WHERE sj.sweep_id = @sweep
            ORDER BY j.submitted_seq
            """).Text("@sweep", sweepId));

    private LedgerCommand Query(string sql) => new(connection, transaction, dialect, sql, reuse: false);

    /// <summary>Folds the (job, sweep) rows of <see cref="JobsSql"/> into jobs; tags are those in <paramref name="tagsOf"/>.</summary>
    private List<StoredJob> ReadJobs(LedgerCommand query, string? tagsOf)
    {
        using var command = query;
        using var rows = command.Read();
        var jobs = new List<StoredJob>();
        StoredJob? job = null;
        var sweeps = ImmutableArray.CreateBuilder<string>();
        while (rows.Next())
        {
            var id = rows.Text(0);
            if (job is null || job.Id != id)
            {
                Finish();
                job = ReadJob(rows);
            }

            if (rows.TextOrNull(21) is { } sweepId)
            {
                sweeps.Add(sweepId);
                job = job with { Priority = sweeps.Count == 1 ? rows.Int(22) : Math.Max(job.Priority, rows.Int(22)) };
                if (sweepId == tagsOf)
                {
                    job = job with { Tags = LedgerJson.ReadObject(rows.Text(23)) };
                }
            }
        }

        Finish();
        return jobs;

        void Finish()
        {
            if (job is not null)
            {
                jobs.Add(job with { Sweeps = sweeps.ToImmutable() });
                sweeps.Clear();
            }
        }
    }

    private static StoredJob ReadJob(LedgerReader rows) => new(
        Id: rows.Text(0),
        SubmittedSeq: rows.Long(1),
        SpecYaml: rows.Text(2),
        Method: rows.Text(3),
        Dataset: rows.Text(4),
        Backbone: rows.Text(5),
        RunNum: rows.Int(6),
        DependsOn: LedgerJson.ReadArray(rows.Text(7)),
        Requirement: new DeviceRequirement(rows.TextOrNull(8), rows.Long(9)),
        State: JobStates.Parse(rows.Text(10)),
        Attempt: rows.Int(11),
        MaxAttempts: rows.Int(12),
        Priority: 0,
        Node: rows.TextOrNull(13),
        Device: rows.TextOrNull(14),
        LeaseExpiresAt: rows.TimeOrNull(15),
        SubmittedAt: rows.Time(16),
        StartedAt: rows.TimeOrNull(17),
        FinishedAt: rows.TimeOrNull(18),
        Reason: rows.TextOrNull(19),
        ProgressJson: rows.TextOrNull(20),
        Sweeps: [],
        Tags: ImmutableSortedDictionary<string, string>.Empty);

    private static List<StoredSweep> ReadSweeps(LedgerCommand query)
    {
        using var command = query;
        using var rows = command.Read();
        var sweeps = new List<StoredSweep>();
        while (rows.Next())
        {
            var id = rows.Text(0);
            if (sweeps.Count == 0 || sweeps[^1].Id != id)
            {
                var zeros = Enum.GetValues<JobState>().Select(state => KeyValuePair.Create(state.Text(), 0));
                sweeps.Add(new StoredSweep(id, rows.Text(1), rows.TextOrNull(2), rows.TextOrNull(3), rows.Int(4), rows.Int(5),
                    rows.Text(6), rows.Time(7), ImmutableSortedDictionary.CreateRange(zeros)));
            }

            if (rows.TextOrNull(8) is { } state)
            {
                var sweep = sweeps[^1];
                sweeps[^1] = sweep with { Counts = sweep.Counts.SetItem(state, (int)rows.Long(9)) };
            }
        }

        return sweeps;
    }

    private static List<StoredResult> ReadResults(LedgerCommand query)
    {
        using var command = query;
        using var rows = command.Read();
        var results = new List<StoredResult>();
        while (rows.Next())
        {
            results.Add(new StoredResult(rows.Text(0), rows.Int(1), rows.Text(2), rows.Text(3), rows.Time(4)));
        }

        return results;
    }
}
