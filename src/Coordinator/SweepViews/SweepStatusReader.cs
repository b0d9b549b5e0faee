using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.SweepViews;

/// <summary>
/// Reads sweep views from a ledger: the CLI's (<c>daft sweep list / status</c> with the cluster down) and the HTTP
/// API's. One query for the sweep's jobs, then the history of only the jobs <see cref="SweepStatusBuilder.NeedsEvents"/>
/// names (those on a device, and those with retries or lost leases).
/// </summary>
public static class SweepStatusReader
{
    /// <summary>Every sweep, newest first.</summary>
    public static IReadOnlyList<SweepSummary> List(IJobLedger ledger) => [.. ledger.Sweeps().Select(SweepSummary.Of)];

    /// <summary>The view of <paramref name="sweep"/> at <paramref name="now"/>.</summary>
    public static SweepStatusView Read(IJobLedger ledger, StoredSweep sweep, DateTimeOffset now)
    {
        var jobs = ledger.JobsOfSweep(sweep.Id);
        var events = jobs.Where(SweepStatusBuilder.NeedsEvents).ToDictionary(job => job.Id, job => ledger.Events(job.Id), StringComparer.Ordinal);
        return SweepStatusBuilder.Build(sweep, jobs, events, now);
    }

    /// <summary>The sweep <paramref name="query"/> names (<see cref="SweepResolver"/>): exact id first, without listing every sweep.</summary>
    public static SweepLookup Find(IJobLedger ledger, string query) =>
        ledger.Sweep(query) is { } exact ? SweepLookup.Found(exact) : SweepResolver.Resolve(ledger.Sweeps(), query);
}
