using System.Data.Common;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.Cli.Sweep;

/// <summary>What the ledger knows of some jobs: where it is, whether it exists yet, and each known job's state.</summary>
internal sealed record LedgerStates(string Description, bool Exists, IReadOnlyDictionary<string, JobState> States)
{
    private const string SqlitePrefix = "sqlite:";

    /// <summary>
    /// The states of <paramref name="jobIds"/> in the ledger <paramref name="database"/> / <paramref name="home"/> name
    /// (<see cref="LedgerFactory"/>'s rules). A SQLite file that does not exist yet is not created: every job is new.
    /// </summary>
    /// <exception cref="ArgumentException">The database is in none of the accepted forms.</exception>
    /// <exception cref="LedgerUnavailableException">The ledger exists but cannot be read.</exception>
    public static LedgerStates Read(string? database, string? home, IReadOnlyCollection<string> jobIds)
    {
        var description = LedgerFactory.Describe(database, home);
        if (description.StartsWith(SqlitePrefix, StringComparison.Ordinal) && !File.Exists(description[SqlitePrefix.Length..]))
        {
            return new LedgerStates(description, Exists: false, new Dictionary<string, JobState>());
        }

        try
        {
            using var ledger = LedgerFactory.Open(database, home);
            return new LedgerStates(description, Exists: true, ledger.States(jobIds));
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // InvalidOperationException includes LedgerSchemaException: a database migrated by a newer Daft.
            throw new LedgerUnavailableException($"cannot read the ledger {description}: {e.Message}", e);
        }
    }
}

/// <summary>The ledger exists (or is a server) but could not be opened or read.</summary>
internal sealed class LedgerUnavailableException(string message, Exception inner) : Exception(message, inner);
