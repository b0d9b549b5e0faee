using System.Text.Json;
using Daft.Datasets.Breeds;

namespace Daft.Datasets.Tests.Breeds;

/// <summary>
/// Daft's BREEDS splits against the robustness library's own output (tools/fixtures/make_breeds_fixtures.py):
/// over a synthetic hierarchy that is committed, and over the real one where this machine has it.
/// </summary>
public class BreedsGeneratorTests
{
    public static TheoryData<int> SyntheticCases()
    {
        using var json = BreedsFixtures.Json("synthetic_splits.json");
        return [.. Enumerable.Range(0, json.RootElement.GetProperty("cases").GetArrayLength())];
    }

    [Theory]
    [MemberData(nameof(SyntheticCases))]
    public void Synthetic_hierarchy_splits_as_the_library_splits_it(int index)
    {
        using var json = BreedsFixtures.Json("synthetic_splits.json");
        var expected = json.RootElement.GetProperty("cases")[index];
        var level = expected.GetProperty("level").GetInt32();
        var ancestor = expected.GetProperty("ancestor").GetString();
        var subclasses = expected.GetProperty("subclasses").GetInt32();
        var hierarchy = ClassHierarchy.Load(BreedsFixtures.SyntheticHierarchy);
        if (expected.TryGetProperty("error", out var error))
        {
            var thrown = Assert.Throws<InvalidDataException>(() => BreedsGenerator.Split(hierarchy, level, ancestor, subclasses));
            Assert.Contains(error.GetString() == "AssertionError" ? "both the source and the target" : "no node at", thrown.Message);
            return;
        }
        AssertSame(BreedsFixtures.SplitOf(expected.GetProperty("superclasses")), BreedsGenerator.Split(hierarchy, level, ancestor, subclasses));
    }

    [RealHierarchyTheory]
    [InlineData(BreedsBenchmark.Living17)]
    [InlineData(BreedsBenchmark.Entity30)]
    public void Real_hierarchy_gives_the_librarys_benchmark(BreedsBenchmark benchmark)
    {
        var folder = BreedsFixtures.RealHierarchy()!;
        using (var json = BreedsFixtures.Json(BreedsBenchmarks.Name(benchmark) + ".json"))
            Assert.Equal(json.RootElement.GetProperty("hierarchy_sha256").Deserialize<Dictionary<string, string>>(), BreedsFixtures.Digests(folder));
        AssertSame(BreedsFixtures.Split(benchmark), BreedsBenchmarks.Make(benchmark, ClassHierarchy.Load(folder)));
    }

    [Theory]
    [InlineData(BreedsBenchmark.Living17, 17, 2)]
    [InlineData(BreedsBenchmark.Entity30, 30, 4)]
    public void The_librarys_benchmarks_have_the_published_shape(BreedsBenchmark benchmark, int superclasses, int perDomain)
    {
        var split = BreedsFixtures.Split(benchmark);
        Assert.Equal(superclasses, split.Superclasses.Count);
        Assert.All(split.Superclasses, s =>
        {
            Assert.Equal(perDomain, s.Source.Count);
            Assert.Equal(perDomain, s.Target.Count);
            Assert.Empty(s.Source.Intersect(s.Target));
        });
        Assert.Equal(superclasses * perDomain * 2, split.AllSubclasses.Count());
    }

    [Fact]
    public void An_odd_subclass_count_is_refused()
    {
        var hierarchy = ClassHierarchy.Load(BreedsFixtures.SyntheticHierarchy);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BreedsGenerator.Split(hierarchy, 2, null, 3));
        Assert.Contains("even number", error.Message);
    }

    static void AssertSame(BreedsSplit expected, BreedsSplit actual)
    {
        Assert.Equal(expected.Superclasses.Select(s => (s.Wnid, s.Name)), actual.Superclasses.Select(s => (s.Wnid, s.Name)));
        foreach (var (want, got) in expected.Superclasses.Zip(actual.Superclasses))
        {
            Assert.Equal(want.Source, got.Source);
            Assert.Equal(want.Target, got.Target);
        }
    }
}
