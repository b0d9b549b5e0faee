using Daft.Coordinator.SweepViews;

namespace Daft.Coordinator.Ledger;

/// <summary>
/// Finds the sweep or job a user names on the command line. A sweep: its id, its name or a unique prefix of its id
/// (<see cref="SweepResolver"/>). A job: its id or a unique prefix of it.
/// </summary>
public static class LedgerLookup
{
    /// <summary>
    /// The sweep, or null with <paramref name="error"/> saying why, by the one rule of <see cref="SweepResolver"/> (a
    /// name several sweeps share, or a prefix of several ids, is refused with the candidates), the ledger named.
    /// </summary>
    public static StoredSweep? Find(this IJobLedger ledger, string text, out string? error)
    {
        var lookup = SweepStatusReader.Find(ledger, text);
        error = lookup.Sweep is null ? $"{lookup.Error} in {ledger.Description}" : null;
        return lookup.Sweep;
    }

    /// <summary>The job, or null with <paramref name="error"/> saying why (none, or an ambiguous prefix).</summary>
    public static StoredJob? FindJob(this IJobLedger ledger, string text, out string? error)
    {
        error = null;
        if (ledger.Job(text) is { } exact)
        {
            return exact;
        }

        var prefixed = text.Length < 4
            ? []
            : ledger.Sweeps().SelectMany(sweep => ledger.JobsOfSweep(sweep.Id))
                .Where(job => job.Id.StartsWith(text, StringComparison.Ordinal))
                .DistinctBy(job => job.Id).Take(6).ToList();
        if (prefixed.Count == 1)
        {
            return ledger.Job(prefixed[0].Id);
        }

        error = prefixed.Count > 1
            ? $"`{text}` is the start of several job ids ({string.Join(", ", prefixed.Take(5).Select(job => job.Id))}); give more of it"
            : $"no job `{text}` in {ledger.Description} (a job id has 16 hex characters; give at least 4; `daft sweep status SWEEP` lists them)";
        return null;
    }
}
