using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.Cli.Results;

/// <summary>
/// Finds the sweep a results verb names: its id (as <c>daft run</c> and <c>daft sweep submit</c> print it), else its
/// name — the newest sweep of that name, since enlarging a grid records a new sweep under the same name — else a
/// unique prefix of its id.
/// </summary>
internal static class SweepLookup
{
    /// <summary>The sweep, or null with <paramref name="error"/> saying what is in the ledger instead.</summary>
    public static StoredSweep? Find(IJobLedger ledger, string text, out string error)
    {
        error = "";
        if (ledger.Sweep(text) is { } byId)
        {
            return byId;
        }

        var sweeps = ledger.Sweeps();
        if (sweeps.FirstOrDefault(sweep => sweep.Name == text) is { } byName)
        {
            return byName;
        }

        var prefixed = sweeps.Where(sweep => sweep.Id.StartsWith(text, StringComparison.Ordinal)).ToList();
        if (prefixed.Count == 1)
        {
            return prefixed[0];
        }

        error = prefixed.Count > 1
            ? $"'{text}' is the start of {prefixed.Count} sweep ids in {ledger.Description}: {string.Join(", ", prefixed.Select(sweep => sweep.Id))}"
            : $"no sweep '{text}' (by id or name) in {ledger.Description}; it has {(sweeps.Count == 0 ? "none" : string.Join(", ", sweeps.Take(10).Select(sweep => $"{sweep.Name} ({sweep.Id})")))}";
        return null;
    }
}
