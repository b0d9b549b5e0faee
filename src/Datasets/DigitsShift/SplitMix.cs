namespace Daft.Datasets.DigitsShift;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny generator whose output depends only on its seed, so a stream keyed
/// by (split, image index) gives every machine, thread count and run the same numbers.
/// </summary>
internal struct SplitMix(ulong seed)
{
    ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>An integer in <c>[0, bound)</c>. The modulo bias is below 2^-50 for the bounds used here; what
    /// matters is that the value is the same everywhere.</summary>
    public int Below(int bound) => (int)(Next() % (ulong)bound);
}
