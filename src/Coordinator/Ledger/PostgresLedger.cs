namespace Daft.Coordinator.Ledger;

/// <summary>
/// The ledger in a PostgreSQL database: the cluster store (Kubernetes), where the coordinator may move between
/// machines and the CLI reads results over the network. The database must exist; its tables are created and
/// migrated on open. Takes an Npgsql connection string (<see cref="LedgerFactory"/> also accepts postgres:// URLs).
/// </summary>
public sealed class PostgresLedger : SqlLedger
{
    /// <summary>Opens (migrating as needed) the ledger in the database <paramref name="connectionString"/> names.</summary>
    /// <exception cref="LedgerSchemaException">The database's schema is newer than this build.</exception>
    public PostgresLedger(string connectionString)
        : base(new PostgresDialect(connectionString))
    {
    }
}
