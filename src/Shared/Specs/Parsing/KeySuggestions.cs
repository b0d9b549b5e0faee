namespace Daft.Shared.Specs.Parsing;

/// <summary>Finds the allowed key a mistyped one was probably meant to be.</summary>
internal static class KeySuggestions
{
    /// <summary>The closest allowed key within two edits (and closer than half the key's length), else null.</summary>
    public static string? Closest(string key, IEnumerable<string> allowed)
    {
        var limit = Math.Min(2, (key.Length - 1) / 2);
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

    // Levenshtein distance with one rolling row.
    private static int EditDistance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                var substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
                row[j] = Math.Min(substitution, Math.Min(above, row[j - 1]) + 1);
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
