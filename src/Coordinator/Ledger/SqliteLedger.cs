namespace Daft.Coordinator.Ledger;

/// <summary>
/// The ledger in one SQLite file: the default, with no server to install (DESIGN.md). The file and its folder are
/// created when missing; the file can be opened with any SQLite tool while the farm runs (WAL mode: readers do not
/// block the writer). One coordinator writes it; several processes may read it.
/// </summary>
public sealed class SqliteLedger : SqlLedger
{
    /// <summary>Opens (creating and migrating as needed) the ledger at <paramref name="path"/>.</summary>
    /// <exception cref="LedgerSchemaException">The file's schema is newer than this build.</exception>
    public SqliteLedger(string path)
        : base(new SqliteDialect(path))
    {
    }
}
