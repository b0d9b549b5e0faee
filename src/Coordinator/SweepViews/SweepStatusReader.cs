using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.SweepViews;

/// <summary>
/// Reads sweep views from a ledger: the CLI's (<c>daft sweep list / status</c> with the cluster down) and the HTTP
/// API's. One snapshot of the ledger (<see cref="IJobLedger.SnapshotOfSweep"/>): the counts by state, counted in the
/// database; the notable jobs only (on a device, ended badly, or retried), not every job; and in one more query the
/// history of the jobs <see cref="SweepStatusBuilder.NeedsEvents"/> names. At 100,000 jobs this is milliseconds where
/// reading every row took seconds (BENCHMARKS.md, <c>daft bench sweep</c>).
/// </summary>
public static class SweepStatusReader
{
    /// <summary>Every sweep, newest first.</summary>
    public static IReadOnlyList<SweepSummary> List(IJobLedger ledger) => [.. ledger.Sweeps().Select(SweepSummary.Of)];

    /// <summary>The view of <paramref name="sweep"/> at <paramref name="now"/>.</summary>
    public static SweepStatusView Read(IJobLedger ledger, StoredSweep sweep, DateTimeOffset now)
    {
        var snapshot = ledger.SnapshotOfSweep(sweep.Id, SweepStatusBuilder.NeedsEvents)
            ?? throw new InvalidOperationException($"sweep {sweep.Id} is no longer in {ledger.Description}");
        return SweepStatusBuilder.Build(snapshot, now);
    }

    /// <summary>
    /// The view of the sweep <paramref name="query"/> names (as <see cref="Find"/> finds it), or why not: what
    /// <c>daft sweep status</c> and <c>GET /api/sweeps/{id}</c> answer. An exact id is read in one snapshot, without a
    /// lookup first (counting a 100,000-job sweep twice was a third of the read); a name or prefix is resolved first.
    /// </summary>
    public static (SweepLookup Lookup, SweepStatusView? View) Status(IJobLedger ledger, string query, DateTimeOffset now)
    {
        if (ledger.SnapshotOfSweep(query, SweepStatusBuilder.NeedsEvents) is { } exact)
        {
            return (SweepLookup.Found(exact.Sweep), SweepStatusBuilder.Build(exact, now));
        }

        var lookup = SweepResolver.Resolve(ledger.Sweeps(), query);
        return (lookup, lookup.Sweep is { } found ? Read(ledger, found, now) : null);
    }

    /// <summary>The sweep <paramref name="query"/> names (<see cref="SweepResolver"/>): exact id first, without listing every sweep.</summary>
    public static SweepLookup Find(IJobLedger ledger, string query) =>
        ledger.Sweep(query) is { } exact ? SweepLookup.Found(exact) : SweepResolver.Resolve(ledger.Sweeps(), query);
}
