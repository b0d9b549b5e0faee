using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Daft.Coordinator.Ledger;

/// <summary>
/// SQLite as the ledger: one file, WAL journal (readers never block the writer, and a commit appends to the log
/// instead of rewriting pages), <c>synchronous=NORMAL</c> (in WAL mode a commit survives a process crash and loses at
/// most the last transactions on power loss: what buys the farm its thousands of writes per second), foreign keys on
/// (SQLite leaves them off per connection) and a busy timeout so that a second writer waits for the first.
/// Timestamps are fixed-width ISO-8601 UTC text with microseconds, PostgreSQL's precision, so both backends read
/// back the same instant and text order is time order.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    /// <summary>How long a writer waits for another's lock before failing.</summary>
    private const int BusyTimeoutMs = 30_000;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    // Run on every open: these pragmas belong to the connection, and a pooled one may come from before a reset.
    private static string ConnectionPragmas =>
        $"PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA cache_size = -32768;";

    private readonly string _connectionString;

    public SqliteDialect(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();

        // The journal mode is a property of the file, not of a connection: set it once, outside any transaction.
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>The database file, absolute.</summary>
    public string Path { get; }

    public override string Description => "sqlite:" + Path;

    protected override string TimestampType => "TEXT";

    protected override string SerialKeyType => "INTEGER PRIMARY KEY AUTOINCREMENT";

    protected override string JobStateTrigger =>
        """
        CREATE TRIGGER jobs_state_to_links AFTER UPDATE OF state ON jobs WHEN OLD.state <> NEW.state
        BEGIN
            UPDATE sweep_jobs SET job_state = NEW.state WHERE job_id = NEW.id;
        END
        """;

    public override DbType TimeDbType => DbType.String;

    // In-process: a statement costs a function call, and a reused prepared command is the fastest path there is.
    public override bool PipelinesStatements => false;

    public override int RowsPerInsert => 1;

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
        return connection;
    }

    public override DbTransaction BeginWrite(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override DbTransaction BeginSnapshot(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: true);

    public override string? LockStatement(LedgerLock which) => null;

    public override object TimeValue(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        var text = reader.GetString(ordinal);
        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        // Anything else ISO-like is accepted too: the file is meant to be opened and edited with any SQL tool.
        return DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, utc, out var time)
            ? time
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, utc);
    }

    public override void Dispose() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
}
