namespace Daft.Coordinator.Ledger;

/// <summary>
/// Brings a database to <see cref="LedgerSchema.LatestVersion"/> when a ledger opens: in one transaction (DDL is
/// transactional in SQLite and PostgreSQL alike, so a failed step leaves the database as it was), under the migrate
/// lock (two coordinators starting on a new database at once migrate it once), applying each missing migration in
/// order and recording it. A database that records a version this build does not know was written by a newer Daft;
/// it is refused rather than used with a schema the code does not understand.
/// </summary>
internal static class LedgerMigrator
{
    /// <summary>Applies the missing migrations; returns the versions applied (none when the database was current).</summary>
    /// <exception cref="LedgerSchemaException">The database's schema is newer than this build.</exception>
    public static IReadOnlyList<int> Apply(SqlDialect dialect)
    {
        using var connection = dialect.Open();
        using var transaction = dialect.BeginWrite(connection);

        LedgerCommand Command(string sql) => new(connection, transaction, dialect, dialect.Expand(sql), reuse: false);

        if (dialect.LockStatement(LedgerLock.Migrate) is { } takeLock)
        {
            using var lockCommand = Command(takeLock);
            lockCommand.Scalar();
        }

        using (var create = Command(LedgerSchema.MigrationsTable))
        {
            create.Execute();
        }

        var applied = new HashSet<int>();
        using (var query = Command("SELECT version FROM schema_migrations"))
        using (var rows = query.Read())
        {
            while (rows.Next())
            {
                applied.Add(rows.Int(0));
            }
        }

        var newest = applied.Count == 0 ? 0 : applied.Max();
        if (newest > LedgerSchema.LatestVersion)
        {
            throw new LedgerSchemaException(
                $"The ledger {dialect.Description} has schema version {newest}, but this build of Daft knows versions up to " +
                $"{LedgerSchema.LatestVersion}: it was written by a newer Daft. Run that version (or newer), or point --db / " +
                "$DAFT_DB at another database.");
        }

        var now = DateTimeOffset.UtcNow;
        var done = new List<int>();
        foreach (var migration in LedgerSchema.Migrations.Where(migration => !applied.Contains(migration.Version)))
        {
            foreach (var step in migration.Steps)
            {
                using var command = Command(step);
                command.Execute();
            }

            using var record = Command("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)");
            record.Int("@version", migration.Version).Text("@name", migration.Name).Time("@at", now).Execute();
            done.Add(migration.Version);
        }

        transaction.Commit();
        return done;
    }
}
