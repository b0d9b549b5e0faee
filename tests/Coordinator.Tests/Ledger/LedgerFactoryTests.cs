using Daft.Coordinator.Ledger;
using Daft.Shared.Data;
using Daft.Tests.Support;
using Npgsql;

namespace Daft.Coordinator.Tests.Ledger;

/// <summary>The database forms <see cref="LedgerFactory"/> accepts, what each describes itself as, and the errors for the rest.</summary>
public sealed class LedgerFactoryTests
{
    [Fact]
    public void Sqlite_forms_name_an_absolute_file()
    {
        var cwd = Directory.GetCurrentDirectory();

        Assert.Equal("sqlite:/data/farm/daft.db", LedgerFactory.Describe("sqlite:/data/farm/daft.db"));
        Assert.Equal("sqlite:/data/farm/daft.db", LedgerFactory.Describe("sqlite:///data/farm/daft.db"));
        Assert.Equal("sqlite:" + Path.Combine(cwd, "ledger"), LedgerFactory.Describe("sqlite:ledger"));
        Assert.Equal("sqlite:" + Path.Combine(cwd, "runs", "daft.db"), LedgerFactory.Describe("runs/daft.db"));
        Assert.Equal("sqlite:/tmp/a=b.sqlite", LedgerFactory.Describe("/tmp/a=b.sqlite"));
        Assert.Equal("sqlite:/tmp/x.sqlite3", LedgerFactory.Describe("/tmp/x.sqlite3"));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal("sqlite:" + Path.Combine(home, "daft.db"), LedgerFactory.Describe("sqlite:~/daft.db"));
    }

    [Fact]
    public void No_database_means_DAFT_DB_else_daft_db_in_the_farm_home()
    {
        var configured = Environment.GetEnvironmentVariable(FarmHome.DatabaseVariable);
        var expected = string.IsNullOrWhiteSpace(configured)
            ? "sqlite:" + Path.Combine("/srv/farm", "daft.db")
            : LedgerFactory.Describe(configured);

        Assert.Equal(expected, LedgerFactory.Describe(null, "/srv/farm"));
        Assert.Equal(expected, LedgerFactory.Describe("", "/srv/farm"));
    }

    [Fact]
    public void A_postgres_url_becomes_a_connection_string_and_is_described_without_its_password()
    {
        var url = "postgres://farm:p%40ss%3Aword@db.example.org:5433/daft_ledger?sslmode=require&application_name=daft";

        var address = LedgerAddress.Parse(url);

        Assert.Equal(LedgerBackend.Postgres, address.Backend);
        Assert.Equal("postgres://farm@db.example.org:5433/daft_ledger", address.Description);
        var builder = new NpgsqlConnectionStringBuilder(address.Target);
        Assert.Equal(("db.example.org", 5433, "farm", "p@ss:word", "daft_ledger"),
            (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal("daft", builder.ApplicationName);
        Assert.Equal("postgres://db@localhost:5432/db", LedgerFactory.Describe("postgresql://db@localhost/db"));
    }

    [Fact]
    public void A_postgres_database_named_without_a_password_reads_it_from_the_password_file()
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "password");
        File.WriteAllText(file, "s3 cr:et@\n");

        var fromUrl = LedgerAddress.Parse("postgres://daft@daft-postgres:5432/daft", file);
        var fromKeywords = LedgerAddress.Parse("Host=daft-postgres;Username=daft;Database=daft", file);
        var explicitOne = LedgerAddress.Parse("postgres://daft:given@daft-postgres/daft", file);

        Assert.Equal("s3 cr:et@", new NpgsqlConnectionStringBuilder(fromUrl.Target).Password);
        Assert.Equal("s3 cr:et@", new NpgsqlConnectionStringBuilder(fromKeywords.Target).Password);
        Assert.Equal("given", new NpgsqlConnectionStringBuilder(explicitOne.Target).Password);
        Assert.Equal("postgres://daft@daft-postgres:5432/daft", fromUrl.Description);
        Assert.Equal("sqlite:/tmp/x.db", LedgerAddress.Parse("sqlite:/tmp/x.db", file).Description);
        Assert.Null(new NpgsqlConnectionStringBuilder(LedgerAddress.Parse("postgres://daft@db/daft", passwordFile: null).Target).Password);
    }

    [Fact]
    public void A_missing_or_empty_password_file_is_named_in_the_error()
    {
        using var temp = new TempFolder();
        var missing = Path.Combine(temp.Path, "absent");
        var empty = Path.Combine(temp.Path, "empty");
        File.WriteAllText(empty, "\n");

        var notThere = Assert.Throws<ArgumentException>(() => LedgerAddress.Parse("postgres://daft@db/daft", missing));
        var blank = Assert.Throws<ArgumentException>(() => LedgerAddress.Parse("postgres://daft@db/daft", empty));

        Assert.Contains($"${LedgerAddress.PasswordFileVariable} {missing}", notThere.Message);
        Assert.Contains($"{empty} is empty", blank.Message);
    }

    [Fact]
    public void An_npgsql_connection_string_is_taken_as_it_is()
    {
        var address = LedgerAddress.Parse("Host=pg.internal;Port=6432;Username=daft;Password=hunter2;Database=farm");

        Assert.Equal("postgres://daft@pg.internal:6432/farm", address.Description);
        Assert.Equal("hunter2", new NpgsqlConnectionStringBuilder(address.Target).Password);
    }

    [Theory]
    [InlineData("daft")]
    [InlineData("mysql://farm@db/daft")]
    [InlineData("Database=farm;Username=daft")]
    [InlineData("sqlite:")]
    [InlineData("postgres://")]
    public void Other_forms_are_refused_with_the_list_of_forms(string database)
    {
        var error = Assert.Throws<ArgumentException>(() => LedgerFactory.Open(database));

        Assert.Contains("postgres://", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_url_option_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => LedgerFactory.Describe("postgres://u:secret@h/d?no_such_option=1"));

        Assert.Contains("no_such_option", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_creates_a_sqlite_ledger_and_its_folder()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "new", "daft.db");

        using (var ledger = LedgerFactory.Open("sqlite:" + path))
        {
            Assert.IsType<SqliteLedger>(ledger);
            Assert.Equal("sqlite:" + path, ledger.Description);
            Assert.Empty(ledger.Sweeps());
        }

        Assert.True(File.Exists(path));
    }
}
