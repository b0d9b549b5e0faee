namespace Daft.Coordinator.Ledger;

/// <summary>
/// Opens the ledger a command names: <c>--db</c> when given, else <c>$DAFT_DB</c>, else the SQLite file
/// <c>daft.db</c> in the farm home. One place that turns a user's string into a database, so every verb and host
/// accepts the same forms (<see cref="Forms"/>) and says the same thing about a wrong one.
/// </summary>
public static class LedgerFactory
{
    /// <summary>The database forms accepted, for help texts.</summary>
    public static string Forms => LedgerAddress.Forms;

    /// <summary>Opens (creating or migrating as needed) the ledger <paramref name="database"/> names; see <see cref="Forms"/>.</summary>
    /// <param name="database">A database in one of the <see cref="Forms"/>; null or empty = <c>$DAFT_DB</c>, else the default.</param>
    /// <param name="home">The farm home for the default SQLite file; null = <c>$DAFT_HOME</c>, else <c>~/.local/share/daft</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="database"/> is in none of the forms.</exception>
    /// <exception cref="LedgerSchemaException">The database was migrated by a newer Daft.</exception>
    public static IJobLedger Open(string? database, string? home = null)
    {
        var address = LedgerAddress.Resolve(database, home);
        return address.Backend switch
        {
            LedgerBackend.Sqlite => new SqliteLedger(address.Target),
            LedgerBackend.Postgres => new PostgresLedger(address.Target),
            _ => throw new ArgumentOutOfRangeException(nameof(database), address.Backend, null),
        };
    }

    /// <summary>
    /// What <see cref="Open"/> would open, as its <see cref="IJobLedger.Description"/> ("sqlite:/abs/daft.db",
    /// "postgres://user@host:5432/daft"), without opening anything: for logs and dry runs. Never holds a password.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="database"/> is in none of the forms.</exception>
    public static string Describe(string? database, string? home = null) => LedgerAddress.Resolve(database, home).Description;
}
