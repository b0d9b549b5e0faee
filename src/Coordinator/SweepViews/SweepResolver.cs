using System.Globalization;
using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.SweepViews;

/// <summary>What a sweep query found: the sweep, or why not (none matched; or several did, listed so the user can pick one).</summary>
public sealed record SweepLookup(StoredSweep? Sweep, string? Error, bool Ambiguous)
{
    public static SweepLookup Found(StoredSweep sweep) => new(sweep, null, false);
}

/// <summary>
/// Finds the sweep a user names: its id, else its name when one sweep has that name, else the start of its id when one
/// id starts so (twelve hex digits are a lot to type; <c>daft run</c> and <c>daft sweep submit</c> print them). A name
/// shared by several sweeps (the same file submitted with different grids) or a prefix of several ids is refused with
/// the candidates listed, rather than guessed: cancelling the wrong sweep cannot be undone.
/// </summary>
public static class SweepResolver
{
    public static SweepLookup Resolve(IReadOnlyList<StoredSweep> sweeps, string query)
    {
        if (sweeps.FirstOrDefault(sweep => sweep.Id == query) is { } exact)
        {
            return SweepLookup.Found(exact);
        }

        var named = sweeps.Where(sweep => sweep.Name == query).ToList();
        if (named.Count == 1)
        {
            return SweepLookup.Found(named[0]);
        }

        if (named.Count > 1)
        {
            return new SweepLookup(null, $"{named.Count} sweeps are named '{query}': {Candidates(named)}; give its id", Ambiguous: true);
        }

        var prefixed = query.Length == 0 ? [] : sweeps.Where(sweep => sweep.Id.StartsWith(query, StringComparison.OrdinalIgnoreCase)).ToList();
        return prefixed.Count switch
        {
            1 => SweepLookup.Found(prefixed[0]),
            0 => new SweepLookup(null, $"no sweep '{query}' (by id, name or start of id)", Ambiguous: false),
            _ => new SweepLookup(null, $"{prefixed.Count} sweep ids start with '{query}': {Candidates(prefixed)}; give more of the id", Ambiguous: true),
        };
    }

    private static string Candidates(IEnumerable<StoredSweep> sweeps) =>
        string.Join(", ", sweeps.Select(sweep => $"{sweep.Id} ({sweep.Name}, submitted {sweep.SubmittedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)})"));
}
