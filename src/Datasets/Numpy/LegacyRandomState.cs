namespace Daft.Datasets.Numpy;

/// <summary>
/// The draws of numpy's legacy <c>np.random.RandomState</c> (the 1.x <c>mtrand</c> semantics numpy keeps frozen)
/// that reference code ported to Daft makes, bit for bit: bounded integers, <c>shuffle</c>, <c>permutation</c> and
/// <c>choice(a, size, replace=False)</c> without weights. Checked against numpy 1.24 in
/// tests/Datasets.Tests/Breeds/LegacyRandomStateTests.cs.
/// </summary>
public sealed class LegacyRandomState(uint seed)
{
    readonly MersenneTwister _twister = new(seed);

    /// <summary>The next raw 32-bit word (what <c>randint(0, 2**32, dtype=np.uint32)</c> returns).</summary>
    public uint NextUInt32() => _twister.NextUInt32();

    /// <summary>
    /// A uniform integer in [0, <paramref name="max"/>] by numpy's <c>random_interval</c> (formerly
    /// <c>rk_interval</c>): mask a word with the smallest all-ones mask covering <paramref name="max"/> and draw again
    /// while the result exceeds it. Words are 32-bit while <paramref name="max"/> fits in 32 bits, else 64-bit.
    /// </summary>
    public ulong Interval(ulong max)
    {
        if (max == 0)
            return 0;
        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        ulong value;
        if (max <= uint.MaxValue)
            while ((value = _twister.NextUInt32() & mask) > max) { }
        else
            while ((value = _twister.NextUInt64() & mask) > max) { }
        return value;
    }

    /// <summary><c>shuffle(x)</c> on a 1-d array: Fisher-Yates from the last element down, element i swapped with
    /// <c>Interval(i)</c>, for i = n-1 .. 1.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = (int)Interval((ulong)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary><c>permutation(n)</c>: <c>arange(n)</c>, shuffled.</summary>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var result = Enumerable.Range(0, n).ToArray();
        Shuffle(result);
        return result;
    }

    /// <summary><c>choice(population, size, replace=False)</c> without <c>p</c>: the first <paramref name="size"/>
    /// entries of <c>permutation(len(population))</c>, as indices into <paramref name="population"/>. It draws a
    /// whole permutation however small <paramref name="size"/> is, which is what fixes the generator's later state.</summary>
    public T[] ChoiceWithoutReplacement<T>(IReadOnlyList<T> population, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (population.Count == 0 && size != 0)
            throw new ArgumentException("'a' cannot be empty unless no samples are taken (numpy's choice).", nameof(population));
        if (size > population.Count)
            throw new ArgumentException(
                $"Cannot take a larger sample ({size}) than the population ({population.Count}) when 'replace=False' (numpy's choice).",
                nameof(size));
        return [.. Permutation(population.Count).Take(size).Select(i => population[i])];
    }
}
