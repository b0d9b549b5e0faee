namespace Daft.Coordinator.Sweeps;

/// <summary>The Cartesian product of lists, first list outermost, as a nested loop in file order would run it.</summary>
internal static class Cartesian
{
    /// <summary>The product's size, or null when it exceeds <paramref name="limit"/>.</summary>
    public static long? Count(IEnumerable<int> sizes, long limit)
    {
        long count = 1;
        foreach (var size in sizes)
        {
            count *= size;
            if (count > limit)
            {
                return null;
            }
        }

        return count;
    }

    /// <summary>
    /// Every combination, one item per list (an empty product yields one empty combination). The array is reused
    /// between combinations: copy it to keep it.
    /// </summary>
    public static IEnumerable<T[]> Of<T>(IReadOnlyList<IReadOnlyList<T>> lists)
    {
        if (lists.Any(list => list.Count == 0))
        {
            yield break;
        }

        var index = new int[lists.Count];
        var combination = new T[lists.Count];
        for (var i = 0; i < lists.Count; i++)
        {
            combination[i] = lists[i][0];
        }

        while (true)
        {
            yield return combination;
            var position = lists.Count - 1;
            while (position >= 0 && ++index[position] == lists[position].Count)
            {
                index[position] = 0;
                combination[position] = lists[position][0];
                position--;
            }

            if (position < 0)
            {
                yield break;
            }

            combination[position] = lists[position][index[position]];
        }
    }
}
