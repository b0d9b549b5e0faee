namespace Daft.GpuNode.Data;

/// <summary>
/// The random draws of one epoch (shuffle order, flip coins) as a pure function of (seed, epoch, purpose):
/// SplitMix64 (Steele, Lea, Flood 2014), keyed by hashing the three together. Plain 64-bit integer arithmetic, so
/// the draws are bit-identical in every process, on every machine, at any thread count, and do not depend on the
/// libtorch version. (PyTorch's own DataLoader order cannot be reproduced anyway: it draws from the global RNG.)
/// </summary>
public sealed class EpochRandom
{
    /// <summary>Separate streams, so turning shuffling off does not change the flips and vice versa.</summary>
    public enum Purpose : ulong { Shuffle = 1, Flip = 2, Crop = 3 }

    const ulong Golden = 0x9E3779B97F4A7C15;
    ulong _state;

    public EpochRandom(long seed, int epoch, Purpose purpose) =>
        _state = Mix(Mix(Mix((ulong)seed) ^ (uint)epoch) ^ (ulong)purpose);

    /// <summary>A stream of its own for image <paramref name="row"/> of a set, so an image's draws (its crop) do not
    /// depend on which other images share its batch.</summary>
    public EpochRandom(long seed, int epoch, Purpose purpose, int row) : this(seed, epoch, purpose) =>
        _state = Mix(_state ^ (uint)row);

    public ulong NextUInt64()
    {
        _state += Golden;
        return Finalize(_state);
    }

    /// <summary>Uniform in <c>0..bound-1</c>, without modulo bias (draws above the largest multiple of bound are redrawn).</summary>
    public int NextBelow(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        var limit = ulong.MaxValue - ulong.MaxValue % (ulong)bound;
        ulong draw;
        do
            draw = NextUInt64();
        while (draw >= limit);
        return (int)(draw % (ulong)bound);
    }

    /// <summary>A fair coin from the top bit.</summary>
    public bool NextBool() => NextUInt64() >> 63 == 1;

    /// <summary>Uniform in [0, 1) from the top 53 bits (every double of the form k / 2^53).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniformly random permutation of <c>0..count-1</c> (Fisher–Yates, from the top down).</summary>
    public static int[] Permutation(long seed, int epoch, int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var random = new EpochRandom(seed, epoch, Purpose.Shuffle);
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.NextBelow(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>One fair coin per image index (not per position), so an image's flip does not depend on the order.</summary>
    public static bool[] Coins(long seed, int epoch, int count) => Coins(seed, epoch, count, 0.5);

    /// <summary>One coin per image index that lands true with probability <paramref name="p"/>: true when the draw
    /// u in [0, 1) is at least 1 − p, so p = 0.5 gives exactly the fair coins of the top bit.</summary>
    public static bool[] Coins(long seed, int epoch, int count, double p)
    {
        var random = new EpochRandom(seed, epoch, Purpose.Flip);
        var coins = new bool[count];
        for (var i = 0; i < count; i++)
            coins[i] = random.NextDouble() >= 1 - p;
        return coins;
    }

    static ulong Mix(ulong value) => Finalize(value + Golden);

    static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
