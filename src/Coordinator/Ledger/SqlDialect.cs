using System.Data;
using System.Data.Common;

namespace Daft.Coordinator.Ledger;

/// <summary>Transactions that must not run concurrently with another of their kind, whatever the database.</summary>
internal enum LedgerLock
{
    /// <summary>Creating or upgrading the schema: two processes opening a new database at once must not both migrate it.</summary>
    Migrate,

    /// <summary>A submission: it numbers new jobs from the highest <c>submitted_seq</c>, which two at once would share.</summary>
    Submit,
}

/// <summary>
/// Everything that differs between SQLite and PostgreSQL, and nothing else: how a connection opens, how a write
/// transaction begins and serialises, how a timestamp is stored and read, and the two column types the schema spells
/// differently. Every statement the ledger runs is otherwise the same text on both: plain SQL plus
/// <c>ON CONFLICT … DO NOTHING / DO UPDATE</c>, which the two share. Keeping the list here short and explicit is the
/// point: a difference that is not in this class is a bug the contract tests catch on one backend.
/// </summary>
internal abstract class SqlDialect : IDisposable
{
    /// <summary>The schema token a migration writes for a timestamp column's type.</summary>
    public const string TimestampToken = "{timestamp}";

    /// <summary>The schema token a migration writes for an increasing integer primary key (job_events.seq).</summary>
    public const string SerialKeyToken = "{serial_key}";

    /// <summary>
    /// The schema token for the trigger that copies <c>jobs.state</c> to the job's <c>sweep_jobs.job_state</c> on every
    /// change: the one migration step whose text differs beyond a type (PostgreSQL's triggers call a function).
    /// </summary>
    public const string JobStateTriggerToken = "{job_state_trigger}";

    /// <summary>Where the data lives, without a password (<see cref="IJobLedger.Description"/>).</summary>
    public abstract string Description { get; }

    /// <summary>ISO-8601 text in SQLite (fixed width, so it sorts chronologically); timestamptz in PostgreSQL.</summary>
    protected abstract string TimestampType { get; }

    /// <summary>SQLite's <c>INTEGER PRIMARY KEY AUTOINCREMENT</c>; PostgreSQL's identity column.</summary>
    protected abstract string SerialKeyType { get; }

    /// <summary>What <see cref="JobStateTriggerToken"/> stands for: the trigger (PostgreSQL: its function first, one command).</summary>
    protected abstract string JobStateTrigger { get; }

    /// <summary>The parameter type a timestamp is bound with (text in SQLite).</summary>
    public abstract DbType TimeDbType { get; }

    /// <summary>An open connection, configured for the ledger (SQLite's pragmas), from the pool.</summary>
    public abstract DbConnection Open();

    /// <summary>
    /// A transaction for writing. SQLite's begins IMMEDIATE: it takes the write lock up front, so two writers wait for
    /// each other (busy timeout) instead of one failing when it upgrades a read lock.
    /// </summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>
    /// A read-only transaction whose queries all see one snapshot: several SELECTs that must agree (a sweep's counts and
    /// its jobs) without taking the write lock. SQLite's is deferred (in WAL mode its first read fixes the snapshot);
    /// PostgreSQL's is REPEATABLE READ.
    /// </summary>
    public abstract DbTransaction BeginSnapshot(DbConnection connection);

    /// <summary>
    /// The statement that takes <paramref name="which"/> for the rest of the transaction, or null where the write
    /// transaction already excludes every other writer (SQLite).
    /// </summary>
    public abstract string? LockStatement(LedgerLock which);

    /// <summary>The value a timestamp parameter is bound to.</summary>
    public abstract object TimeValue(DateTimeOffset value);

    /// <summary>Reads a timestamp column (not null) back as UTC.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>
    /// Whether statements of one transaction step are sent together (<see cref="System.Data.Common.DbBatch"/>): worth it
    /// where each statement is a network round trip (PostgreSQL), not where it is a function call (SQLite).
    /// </summary>
    public abstract bool PipelinesStatements { get; }

    /// <summary>
    /// Rows per multi-row INSERT (<see cref="LedgerRowInsert"/>). Many in PostgreSQL, where each statement costs an
    /// executor start-up; one in SQLite, where a row costs the same either way and binding a parameter by name scans
    /// the statement's parameter list (a 1,500-parameter statement binds in quadratic time).
    /// </summary>
    public abstract int RowsPerInsert { get; }

    /// <summary>Gives <paramref name="parameter"/> its type and value; a null keeps the type (a prepared statement stays valid).</summary>
    public void Bind(DbParameter parameter, LedgerType type, object? value)
    {
        parameter.DbType = type switch
        {
            LedgerType.Text => DbType.String,
            LedgerType.Int => DbType.Int32,
            LedgerType.Long => DbType.Int64,
            LedgerType.Bool => DbType.Boolean,
            LedgerType.Time => TimeDbType,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
        parameter.Value = value switch
        {
            null => DBNull.Value,
            DateTimeOffset time => TimeValue(time),
            _ => value,
        };
    }

    /// <summary>A migration's SQL with the dialect's column types put in for the tokens.</summary>
    public string Expand(string sql) =>
        sql.Replace(TimestampToken, TimestampType, StringComparison.Ordinal)
            .Replace(SerialKeyToken, SerialKeyType, StringComparison.Ordinal)
            .Replace(JobStateTriggerToken, JobStateTrigger, StringComparison.Ordinal);

    /// <summary>Releases pooled connections (SQLite: the file's handles; PostgreSQL: the data source).</summary>
    public abstract void Dispose();
}
