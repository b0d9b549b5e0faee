using System.Collections.Concurrent;
using System.Globalization;

namespace Daft.Coordinator.Ledger;

/// <summary>
/// Many rows into one table as multi-row <c>INSERT … VALUES (…), (…), …</c> statements (which SQLite and PostgreSQL
/// both read the same way), <see cref="SqlDialect.RowsPerInsert"/> rows each: a submission of 100,000 jobs is then a few
/// thousand statements instead of 300,000, which is what makes it fast on PostgreSQL, where every statement has an
/// executor start-up to pay. Each row's parameters are its template's names with the row's index appended; the SQL of
/// a full statement repeats, so SQLite's command cache and Npgsql's automatic preparation both reuse it.
/// </summary>
/// <param name="head">Up to and including <c>VALUES</c>.</param>
/// <param name="row">One row, parameters marked <c>@name#</c> (<c>#</c> becomes the row's index).</param>
/// <param name="tail">After the rows (<c>ON CONFLICT …</c>), or empty. An upsert's rows must have distinct keys:
/// PostgreSQL will not update one row twice in one statement.</param>
/// <param name="rowsPerStatement">The dialect's <see cref="SqlDialect.RowsPerInsert"/>.</param>
internal sealed class LedgerRowInsert(string head, string row, string tail, int rowsPerStatement)
{
    // "@id" of row 7 is "@id7": a few dozen names times 100 rows, built once.
    private static readonly ConcurrentDictionary<(string Name, int Index), string> Names = new();

    private readonly List<LedgerStatement> _statements = [];
    private readonly Dictionary<int, string> _sql = [];
    private LedgerStatement? _current;
    private int _rows;

    /// <summary>Starts a row; set its parameters (names as in the template, without the <c>#</c>) on the returned builder.</summary>
    public Row Add()
    {
        if (_current is null || _rows == rowsPerStatement)
        {
            Close();
            _current = new LedgerStatement("");
            _rows = 0;
        }

        return new Row(_current, _rows++);
    }

    /// <summary>The statements for every row added, and starts over.</summary>
    public IReadOnlyList<LedgerStatement> Take()
    {
        Close();
        var statements = _statements.ToList();
        _statements.Clear();
        return statements;
    }

    private void Close()
    {
        if (_current is not null && _rows > 0)
        {
            _statements.Add(_current.WithSql(Sql(_rows)));
        }

        _current = null;
        _rows = 0;
    }

    private string Sql(int rows)
    {
        if (!_sql.TryGetValue(rows, out var sql))
        {
            var values = Enumerable.Range(0, rows).Select(i => row.Replace("#", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            sql = $"{head} {string.Join(", ", values)} {tail}".TrimEnd();
            _sql.Add(rows, sql);
        }

        return sql;
    }

    /// <summary>One row's parameters.</summary>
    public readonly struct Row(LedgerStatement statement, int index)
    {
        public Row Text(string name, string? value)
        {
            statement.Text(Name(name, index), value);
            return this;
        }

        public Row Int(string name, int value)
        {
            statement.Int(Name(name, index), value);
            return this;
        }

        public Row Long(string name, long value)
        {
            statement.Long(Name(name, index), value);
            return this;
        }

        public Row Time(string name, DateTimeOffset value)
        {
            statement.Time(Name(name, index), value);
            return this;
        }
    }

    private static string Name(string name, int index) =>
        Names.GetOrAdd((name, index), key => key.Name + key.Index.ToString(CultureInfo.InvariantCulture));
}
