using System.Security.Cryptography;
using System.Text.Json;
using Daft.Datasets.Breeds;

namespace Daft.Datasets.Tests.Breeds;

/// <summary>
/// The files tools/fixtures/make_breeds_fixtures.py wrote (Fixtures/breeds) from the robustness library's own code,
/// and where the real BREEDS hierarchy is, when this machine has it: it is not committed (BREEDS-Benchmarks
/// publishes no licence), so the tests comparing Daft's split over it with the library's look in
/// Fixtures/breeds/hierarchy, then <c>$DAFT_BREEDS_HIERARCHY</c>, then the data root's BREEDS-Benchmarks folder.
/// </summary>
internal static class BreedsFixtures
{
    public const string HierarchyVariable = "DAFT_BREEDS_HIERARCHY";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "breeds");

    public static string SyntheticHierarchy => Path.Combine(Folder, "synthetic");

    public static JsonDocument Json(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name)));

    /// <summary>The library's split of a benchmark over the real hierarchy.</summary>
    public static BreedsSplit Split(BreedsBenchmark benchmark)
    {
        using var json = Json(BreedsBenchmarks.Name(benchmark) + ".json");
        return SplitOf(json.RootElement.GetProperty("superclasses"));
    }

    /// <summary>A split as the script writes it: a list of {wnid, name, source, target}.</summary>
    public static BreedsSplit SplitOf(JsonElement superclasses) =>
        new([.. superclasses.EnumerateArray().Select(s => new BreedsSuperclass(s.GetProperty("wnid").GetString()!,
            s.GetProperty("name").GetString()!, Wnids(s.GetProperty("source")), Wnids(s.GetProperty("target"))))]);

    static string[] Wnids(JsonElement list) => [.. list.EnumerateArray().Select(w => w.GetString()!)];

    /// <summary>The folder holding the real hierarchy files, or null when none of the places has all three.</summary>
    public static string? RealHierarchy()
    {
        var dataRoot = Environment.GetEnvironmentVariable("DAFT_DATA")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "daft");
        string?[] candidates =
        [
            Path.Combine(Folder, "hierarchy"),
            Environment.GetEnvironmentVariable(HierarchyVariable),
            Path.Combine(dataRoot, BreedsBenchmarks.HierarchyFolder),
        ];
        return candidates.OfType<string>().FirstOrDefault(c => HierarchyFiles.Names.All(n => File.Exists(Path.Combine(c, n))));
    }

    /// <summary>The sha256 of each hierarchy file in <paramref name="folder"/>, by name.</summary>
    public static Dictionary<string, string> Digests(string folder) =>
        HierarchyFiles.Names.ToDictionary(n => n, n => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, n)))));
}

/// <summary>A theory over the real BREEDS hierarchy, skipped (with the reason) where this machine lacks it.</summary>
public sealed class RealHierarchyTheoryAttribute : TheoryAttribute
{
    public RealHierarchyTheoryAttribute()
    {
        if (BreedsFixtures.RealHierarchy() is null)
            Skip = "The BREEDS hierarchy files are not here (not committed: BREEDS-Benchmarks has no licence). Put them in "
                + $"tests/Datasets.Tests/Fixtures/breeds/hierarchy, point ${BreedsFixtures.HierarchyVariable} at them, or run "
                + "`daft data fetch breeds-hierarchy`.";
    }
}
