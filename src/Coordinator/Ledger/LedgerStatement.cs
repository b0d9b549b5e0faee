namespace Daft.Coordinator.Ledger;

/// <summary>The ledger's parameter types; the dialect decides how each is bound (a timestamp is text in SQLite).</summary>
internal enum LedgerType
{
    Text,
    Int,
    Long,
    Bool,
    Time,
}

/// <summary>
/// One statement with its parameter values, not yet run: what <see cref="LedgerPipeline"/> queues, so that a batch of
/// writes can be sent to PostgreSQL in one round trip, or run one by one through reused commands in SQLite.
/// </summary>
internal sealed class LedgerStatement(string sql)
{
    private readonly List<(string Name, LedgerType Type, object? Value)> _parameters = new(12);

    public string Sql { get; private set; } = sql;

    public IReadOnlyList<(string Name, LedgerType Type, object? Value)> Parameters => _parameters;

    public LedgerStatement Text(string name, string? value) => Add(name, LedgerType.Text, value);

    public LedgerStatement Int(string name, int value) => Add(name, LedgerType.Int, value);

    public LedgerStatement Long(string name, long value) => Add(name, LedgerType.Long, value);

    public LedgerStatement Bool(string name, bool? value) => Add(name, LedgerType.Bool, value);

    public LedgerStatement Time(string name, DateTimeOffset? value) => Add(name, LedgerType.Time, value);

    /// <summary>Gives the statement its SQL once its parameters are known (<see cref="LedgerRowInsert"/> counts its rows first).</summary>
    public LedgerStatement WithSql(string sql)
    {
        Sql = sql;
        return this;
    }

    private LedgerStatement Add(string name, LedgerType type, object? value)
    {
        _parameters.Add((name, type, value));
        return this;
    }
}
