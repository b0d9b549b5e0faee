using System.Data.Common;

namespace Daft.Coordinator.Ledger;

/// <summary>
/// Rows of a query, read by column position with the ledger's types: the same calls work on both backends because
/// the schema uses INTEGER for 32-bit and BIGINT for 64-bit columns (SQLite stores both as 64-bit integers and reads
/// either width; Npgsql reads the declared one), and timestamps go through the dialect.
/// </summary>
internal sealed class LedgerReader : IDisposable
{
    private readonly DbDataReader _reader;
    private readonly SqlDialect _dialect;

    public LedgerReader(DbDataReader reader, SqlDialect dialect)
    {
        _reader = reader;
        _dialect = dialect;
    }

    public bool Next() => _reader.Read();

    /// <summary>Moves to the next statement's rows (a batch's).</summary>
    public bool NextResult() => _reader.NextResult();

    /// <summary>The current row's columns as the provider gives them, NULL as null.</summary>
    public object?[] Values()
    {
        var values = new object?[_reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _reader.IsDBNull(i) ? null : _reader.GetValue(i);
        }

        return values;
    }

    public string Text(int ordinal) => _reader.GetString(ordinal);

    public string? TextOrNull(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetString(ordinal);

    public int Int(int ordinal) => _reader.GetInt32(ordinal);

    public int? IntOrNull(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetInt32(ordinal);

    public long Long(int ordinal) => _reader.GetInt64(ordinal);

    public DateTimeOffset Time(int ordinal) => _dialect.ReadTime(_reader, ordinal);

    public DateTimeOffset? TimeOrNull(int ordinal) => _reader.IsDBNull(ordinal) ? null : _dialect.ReadTime(_reader, ordinal);

    public void Dispose() => _reader.Dispose();
}
