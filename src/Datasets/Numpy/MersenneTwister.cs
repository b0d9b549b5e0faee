namespace Daft.Datasets.Numpy;

/// <summary>
/// MT19937 (Matsumoto and Nishimura 1998) seeded as numpy's legacy <c>RandomState(seed)</c> seeds it from an
/// integer: <c>mt19937_seed</c>, which is the reference <c>init_genrand</c> (not <c>init_by_array</c>, which numpy
/// uses only for array seeds). 624 words of state; a word is tempered on the way out.
/// </summary>
public sealed class MersenneTwister
{
    const int StateWords = 624;
    const int Shift = 397;
    const uint MatrixA = 0x9908B0DF;
    const uint UpperBit = 0x80000000;
    const uint LowerBits = 0x7FFFFFFF;

    readonly uint[] _state = new uint[StateWords];
    int _position;

    /// <summary>State word i is <c>1812433253 * (w ^ (w >> 30)) + i</c> of the previous word w (Knuth's
    /// multiplier, as in the 2002 reference code), all modulo 2^32.</summary>
    public MersenneTwister(uint seed)
    {
        _state[0] = seed;
        for (var i = 1; i < StateWords; i++)
            _state[i] = unchecked(1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i);
        _position = StateWords;
    }

    /// <summary>The next 32-bit word (numpy's <c>next_uint32</c> for this generator).</summary>
    public uint NextUInt32()
    {
        if (_position == StateWords)
            Regenerate();
        var y = _state[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        return y ^ (y >> 18);
    }

    /// <summary>Two words, the first one high (numpy's <c>mt19937_next64</c>).</summary>
    public ulong NextUInt64() => ((ulong)NextUInt32() << 32) | NextUInt32();

    void Regenerate()
    {
        for (var i = 0; i < StateWords; i++)
        {
            var y = (_state[i] & UpperBit) | (_state[(i + 1) % StateWords] & LowerBits);
            _state[i] = _state[(i + Shift) % StateWords] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : MatrixA);
        }
        _position = 0;
    }
}
