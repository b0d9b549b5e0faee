using Daft.Datasets.Numpy;

namespace Daft.Datasets.Tests.Breeds;

/// <summary>Daft's numpy <c>RandomState</c> against numpy 1.24's own draws (Fixtures/breeds/randomstate.json).</summary>
public class LegacyRandomStateTests
{
    [Theory]
    [InlineData(0u)]
    [InlineData(2u)]
    [InlineData(5489u)]
    [InlineData(uint.MaxValue)]
    public void Raw_words_are_numpys_for_an_integer_seed(uint seed)
    {
        using var json = BreedsFixtures.Json("randomstate.json");
        var expected = json.RootElement.GetProperty("raw_uint32").GetProperty(seed.ToString()).EnumerateArray().Select(e => e.GetUInt32());
        var random = new LegacyRandomState(seed);
        Assert.Equal(expected, Enumerable.Range(0, 8).Select(_ => random.NextUInt32()));
    }

    [Fact]
    public void Mt19937_seeded_5489_starts_with_the_reference_codes_first_output()
    {
        Assert.Equal(3499211612u, new MersenneTwister(5489).NextUInt32());
    }

    [Fact]
    public void Successive_permutations_of_one_generator_are_numpys()
    {
        using var json = BreedsFixtures.Json("randomstate.json");
        var random = new LegacyRandomState(2);
        foreach (var draw in json.RootElement.GetProperty("permutations_seed2").EnumerateArray())
            Assert.Equal(draw.GetProperty("values").EnumerateArray().Select(e => e.GetInt32()), random.Permutation(draw.GetProperty("n").GetInt32()));
    }

    [Fact]
    public void Successive_choices_without_replacement_are_numpys()
    {
        using var json = BreedsFixtures.Json("randomstate.json");
        var random = new LegacyRandomState(2);
        var population = Enumerable.Range(0, 40).Select(i => $"w{i:000}").ToArray();
        foreach (var draw in json.RootElement.GetProperty("choices_seed2").EnumerateArray())
        {
            var drawn = random.ChoiceWithoutReplacement(population[..draw.GetProperty("population").GetInt32()], draw.GetProperty("size").GetInt32());
            Assert.Equal(draw.GetProperty("values").EnumerateArray().Select(e => e.GetString()), drawn);
        }
    }

    [Fact]
    public void Choice_refuses_a_sample_larger_than_the_population_as_numpy_does()
    {
        var error = Assert.Throws<ArgumentException>(() => new LegacyRandomState(2).ChoiceWithoutReplacement(["a", "b"], 3));
        Assert.Contains("larger sample (3) than the population (2)", error.Message);
    }
}
