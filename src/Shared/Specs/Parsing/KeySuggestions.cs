namespace Daft.Shared.Specs.Parsing;

/// <summary>Finds the allowed key a mistyped one was probably meant to be.</summary>
internal static class KeySuggestions
{
    /// <summary>The closest allowed key within two edits (and closer than half the key's length), else null.</summary>
    public static string? Closest(string key, IEnumerable<string> allowed) => Closest(key, allowed, 2);

    /// <summary>As <see cref="Closest(string, IEnumerable{string})"/>, within <paramref name="maxEdits"/> edits.</summary>
    public static string? Closest(string key, IEnumerable<string> allowed, int maxEdits)
    {
        var limit = Math.Min(maxEdits, (key.Length - 1) / 2);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in allowed)
        {
            var distance = EditDistance(key, candidate);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    // Optimal string alignment distance: Levenshtein plus a swap of two adjacent letters as one edit, the commonest
    // typo (`gird` for `grid` is 2 edits to Levenshtein, beyond the limit of a 4-letter key, and got no suggestion).
    private static int EditDistance(string a, string b)
    {
        var before = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            (before, previous, row) = (previous, row, before);
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                row[j] = Math.Min(previous[j - 1] + cost, Math.Min(previous[j], row[j - 1]) + 1);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    row[j] = Math.Min(row[j], before[j - 2] + 1);
                }
            }
        }

        return row[b.Length];
    }
}
