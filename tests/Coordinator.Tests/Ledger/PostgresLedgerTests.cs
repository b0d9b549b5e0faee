using Daft.Coordinator.Ledger;
using Daft.Coordinator.Tests.Support;
using Npgsql;

namespace Daft.Coordinator.Tests.Ledger;

/// <summary>
/// The ledger contract on PostgreSQL: a database of its own per test on the run's shared throwaway server. Skipped,
/// saying how to install PostgreSQL, where its binaries are missing.
/// </summary>
[RequiresPostgres]
[Collection(SharedPostgresCollection.Name)]
public sealed class PostgresLedgerTests(SharedPostgres postgres) : LedgerContract
{
    private readonly string _connectionString = postgres.Server.CreateDatabase();

    protected override IJobLedger OpenLedger() => new PostgresLedger(_connectionString);

    [RequirementFact]
    public void The_description_names_host_port_user_and_database_but_no_password()
    {
        var withPassword = new NpgsqlConnectionStringBuilder(_connectionString) { Password = "s3cret" }.ConnectionString;

        using var ledger = new PostgresLedger(withPassword);

        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        Assert.Equal($"postgres://{PostgresServer.User}@127.0.0.1:{postgres.Server.Port}/{builder.Database}", ledger.Description);
        Assert.DoesNotContain("s3cret", ledger.Description, StringComparison.Ordinal);
    }

    [RequirementFact]
    public void The_factory_opens_a_postgres_url()
    {
        var database = new NpgsqlConnectionStringBuilder(_connectionString).Database;

        using var ledger = LedgerFactory.Open($"postgres://{PostgresServer.User}@127.0.0.1:{postgres.Server.Port}/{database}");

        Assert.IsType<PostgresLedger>(ledger);
        Assert.Empty(ledger.OpenJobs());
    }

    protected override System.Data.Common.DbConnection Connect()
    {
        var connection = new NpgsqlConnection(_connectionString + ";Pooling=false");
        connection.Open();
        return connection;
    }
}
