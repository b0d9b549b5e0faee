namespace Daft.Coordinator.Ledger;

/// <summary>
/// Finds the sweep a user names on the command line: its id, a unique prefix of it (8 characters are usually enough),
/// or its name (the newest sweep of that name, as a resubmitted sweep with a changed grid gets a new id).
/// </summary>
public static class SweepLookup
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
}
