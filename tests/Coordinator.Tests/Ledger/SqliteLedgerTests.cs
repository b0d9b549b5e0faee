using Daft.Coordinator.Ledger;
using Daft.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Daft.Coordinator.Tests.Ledger;

/// <summary>The ledger contract on a SQLite file in a temp folder (in a subfolder that does not exist yet: opening creates it).</summary>
public sealed class SqliteLedgerTests : LedgerContract
{
    private readonly TempFolder _folder = new();

    private string DatabasePath => Path.Combine(_folder.Path, "farm", "home", "daft.db");

    protected override IJobLedger OpenLedger() => new SqliteLedger(DatabasePath);

    [Fact]
    public void The_file_is_in_wal_mode_and_its_description_is_its_absolute_path()
    {
        Assert.Equal("sqlite:" + DatabasePath, Ledger.Description);
        Assert.Equal(["wal"], QuerySql("PRAGMA journal_mode"));
        Assert.True(File.Exists(DatabasePath));
    }

    public override void Dispose()
    {
        base.Dispose();
        _folder.Dispose();
    }

    protected override System.Data.Common.DbConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }
}
