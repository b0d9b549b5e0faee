namespace Daft.Coordinator.Ledger;

/// <summary>
/// Finds the sweep or job a user names on the command line. A sweep: its id, a unique prefix of it (8 characters are
/// usually enough), or its name (the newest sweep of that name, as a resubmitted sweep with a changed grid gets a new
/// id). A job: its id or a unique prefix of it.
/// </summary>
public static class LedgerLookup
{
    /// <summary>The sweep, or null with <paramref name="error"/> saying why (none, or an ambiguous prefix).</summary>
    public static StoredSweep? Find(this IJobLedger ledger, string text, out string? error)
    {
        error = null;
        if (ledger.Sweep(text) is { } exact)
        {
            return exact;
        }

        var sweeps = ledger.Sweeps();
        if (sweeps.FirstOrDefault(sweep => sweep.Name == text) is { } named)
        {
            return named;
        }

        var prefixed = sweeps.Where(sweep => sweep.Id.StartsWith(text, StringComparison.Ordinal)).ToList();
        if (prefixed.Count == 1)
        {
            return prefixed[0];
        }

        error = prefixed.Count > 1
            ? $"`{text}` is the start of {prefixed.Count} sweep ids ({string.Join(", ", prefixed.Take(5).Select(sweep => sweep.Id))}); give more of it"
            : sweeps.Count == 0
                ? $"no sweep `{text}`: {ledger.Description} holds no sweeps yet (daft run or daft sweep submit adds one)"
                : $"no sweep `{text}` in {ledger.Description}; sweeps: {string.Join(", ", sweeps.Take(8).Select(sweep => $"{sweep.Name} ({sweep.Id[..Math.Min(8, sweep.Id.Length)]})"))}";
        return null;
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
