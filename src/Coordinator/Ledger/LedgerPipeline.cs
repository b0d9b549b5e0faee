using System.Data.Common;

namespace Daft.Coordinator.Ledger;

/// <summary>
/// Runs a step's statements inside the transaction, the way the database likes them: in PostgreSQL as one
/// <see cref="DbBatch"/> per step (one round trip for a whole dispatcher batch; Npgsql's automatic preparation
/// reuses the plans), in SQLite one by one through a command per distinct SQL text, prepared once and rebound.
/// The statements and their order are the same either way; only the transport differs.
/// </summary>
internal sealed class LedgerPipeline(DbConnection connection, DbTransaction transaction, SqlDialect dialect) : IDisposable
{
    /// <summary>Statements per round trip: large enough to amortise it, small enough to keep a batch's memory bounded.</summary>
    private const int StatementsPerBatch = 1000;

    private readonly Dictionary<string, LedgerCommand> _commands = new(StringComparer.Ordinal);
    private readonly bool _batches = dialect.PipelinesStatements && connection.CanCreateBatch;

    /// <summary>Runs statements that return nothing the caller needs.</summary>
    public void Execute(IReadOnlyList<LedgerStatement> statements)
    {
        if (!_batches)
        {
            foreach (var statement in statements)
            {
                Command(statement.Sql).Bind(statement).Execute();
            }

            return;
        }

        foreach (var chunk in statements.Chunk(StatementsPerBatch))
        {
            using var batch = Batch(chunk);
            batch.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Runs statements that each return at most one row (<c>UPDATE … RETURNING</c>): that row's columns per statement,
    /// or null where it returned none (an UPDATE whose WHERE clause matched nothing). Every statement must return a
    /// result set, even an empty one, so that results and statements line up.
    /// </summary>
    public IReadOnlyList<object?[]?> FirstRows(IReadOnlyList<LedgerStatement> statements)
    {
        var rows = new List<object?[]?>(statements.Count);
        if (!_batches)
        {
            foreach (var statement in statements)
            {
                using var reader = Command(statement.Sql).Bind(statement).Read();
                rows.Add(reader.Next() ? reader.Values() : null);
            }

            return rows;
        }

        foreach (var chunk in statements.Chunk(StatementsPerBatch))
        {
            using var batch = Batch(chunk);
            using var reader = new LedgerReader(batch.ExecuteReader(), dialect);
            for (var i = 0; i < chunk.Length; i++)
            {
                if (i > 0 && !reader.NextResult())
                {
                    throw new InvalidOperationException($"Statement {i} of a ledger batch returned no result set: {chunk[i].Sql}");
                }

                rows.Add(reader.Next() ? reader.Values() : null);
            }
        }

        return rows;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }

    private LedgerCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = new LedgerCommand(connection, transaction, dialect, sql);
            _commands.Add(sql, command);
        }

        return command;
    }

    private DbBatch Batch(IEnumerable<LedgerStatement> statements)
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            foreach (var (name, type, value) in statement.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                dialect.Bind(parameter, type, value);
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        return batch;
    }
}
