using Daft.Coordinator.Ledger;
using Daft.Coordinator.Results;

namespace Daft.Coordinator.Cli.Results;

/// <summary>The result rows of the sweeps named on a command line, pooled in the order given.</summary>
internal sealed record ResultsInput(IReadOnlyList<ResultRow> Rows, string FirstSweepName)
{
    /// <summary>The rows, or null once an unknown sweep was reported on <paramref name="error"/>.</summary>
    public static ResultsInput? Read(IJobLedger ledger, IReadOnlyList<string> sweepNames, TextWriter error, string verb)
    {
        var rows = new List<ResultRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? first = null;
        foreach (var name in sweepNames)
        {
            if (ledger.Find(name, out var problem) is not { } sweep)
            {
                error.WriteLine($"{verb}: {problem}");
                return null;
            }

            first ??= sweep.Name;
            // A job two of the sweeps share counts once.
            rows.AddRange(LedgerResultRows.Of(ledger, sweep.Id).Where(row => seen.Add(row.JobId)));
        }

        return new ResultsInput(rows, first!);
    }
}
