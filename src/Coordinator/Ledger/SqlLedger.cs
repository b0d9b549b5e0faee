using Daft.Coordinator.Jobs;

namespace Daft.Coordinator.Ledger;

/// <summary>
/// The ledger on a relational database: all of <see cref="IJobLedger"/>, written once against ADO.NET and a
/// <see cref="SqlDialect"/>, so that SQLite and PostgreSQL run the same statements and pass the same contract tests.
/// Opening one migrates its database (<see cref="LedgerMigrator"/>). Every call takes its own pooled connection, so
/// one instance serves several threads; writes serialise in the database, not here.
/// </summary>
public abstract class SqlLedger : IJobLedger
{
    private readonly SqlDialect _dialect;

    private protected SqlLedger(SqlDialect dialect)
    {
        _dialect = dialect;
        try
        {
            AppliedMigrations = LedgerMigrator.Apply(dialect);
        }
        catch
        {
            dialect.Dispose();
            throw;
        }
    }

    public string Description => _dialect.Description;

    /// <summary>The schema versions this instance applied when it opened (none when the database was current).</summary>
    public IReadOnlyList<int> AppliedMigrations { get; }

    public SubmitOutcome Submit(SweepPlan plan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var connection = _dialect.Open();
        using var transaction = _dialect.BeginWrite(connection);
        SubmitOutcome outcome;
        using (var pipeline = new LedgerPipeline(connection, transaction, _dialect))
        {
            outcome = LedgerSubmission.Run(pipeline, new LedgerQueries(connection, _dialect, transaction), _dialect, plan, now);
        }

        transaction.Commit();
        return outcome;
    }

    public void Write(IReadOnlyList<LedgerWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return;
        }

        using var connection = _dialect.Open();
        using var transaction = _dialect.BeginWrite(connection);
        using (var pipeline = new LedgerPipeline(connection, transaction, _dialect))
        {
            LedgerWriteBatch.Apply(pipeline, new LedgerQueries(connection, _dialect, transaction), writes);
        }

        transaction.Commit();
    }

    public IReadOnlyList<StoredJob> OpenJobs() => Read(queries => queries.OpenJobs());

    public IReadOnlyDictionary<string, JobState> States(IReadOnlyCollection<string> jobIds) => Read(queries => queries.States(jobIds));

    public StoredJob? Job(string jobId) => Read(queries => queries.Job(jobId));

    public IReadOnlyList<StoredJob> JobsOfSweep(string sweepId) => Read(queries => queries.JobsOfSweep(sweepId));

    public StoredSweep? Sweep(string sweepId) => Read(queries => queries.Sweep(sweepId));

    public SweepSnapshot? SnapshotOfSweep(string sweepId, Func<StoredJob, bool> historyOf)
    {
        ArgumentNullException.ThrowIfNull(historyOf);
        using var connection = _dialect.Open();
        using var transaction = _dialect.BeginSnapshot(connection);
        var queries = new LedgerQueries(connection, _dialect, transaction);
        if (queries.Sweep(sweepId) is not { } sweep)
        {
            return null;
        }

        var jobs = queries.NotableJobsOfSweep(sweepId);
        var events = queries.EventsOf([.. jobs.Where(historyOf).Select(job => job.Id)]);
        transaction.Commit();
        return new SweepSnapshot(sweep, jobs, events);
    }

    public IReadOnlyList<StoredSweep> Sweeps() => Read(queries => queries.Sweeps());

    public IReadOnlyList<JobEventRow> Events(string jobId) => Read(queries => queries.Events(jobId));

    public StoredResult? Result(string jobId) => Read(queries => queries.Result(jobId));

    public IReadOnlyList<StoredResult> ResultsOfSweep(string sweepId) => Read(queries => queries.ResultsOfSweep(sweepId));

    public void Dispose()
    {
        _dialect.Dispose();
        GC.SuppressFinalize(this);
    }

    public override string ToString() => Description;

    private T Read<T>(Func<LedgerQueries, T> query)
    {
        using var connection = _dialect.Open();
        return query(new LedgerQueries(connection, _dialect));
    }
}
