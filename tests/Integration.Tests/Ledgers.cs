using Daft.Coordinator.Ledger;
using Daft.Coordinator.Tests.Support;

namespace Daft.Integration.Tests;

/// <summary>The ledger a farm test runs on, by backend name: a SQLite file in the test's folder or a fresh PostgreSQL database.</summary>
internal static class Ledgers
{
    /// <summary>The <c>--db</c> value for <c>daft serve</c> and the test's own view of the same ledger.</summary>
    public static (string Database, IJobLedger Ledger) Open(string backend, string folder, PostgresServer? postgres, string? password = null)
    {
        if (backend == "sqlite")
        {
            var path = Path.Combine(folder, "daft.db");
            return (path, new SqliteLedger(path));
        }

        var server = postgres ?? throw new ArgumentNullException(nameof(postgres));
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(server.CreateDatabase());
        // Trust authentication ignores the password; it is there to prove that no log line ever shows it.
        var secret = password is null ? "" : $":{password}";
        return ($"postgres://{PostgresServer.User}{secret}@127.0.0.1:{server.Port}/{builder.Database}", new PostgresLedger(builder.ConnectionString));
    }
}
