using System.Text.Json;

namespace Daft.Datasets.Tests.Fmow;

/// <summary>One case of tests/Datasets.Tests/Fixtures/fmow/ (tools/fixtures/make_fmow_fixtures.py ran WILDS's
/// FMoWDataset and DAFT's Fmow on its CSVs): what WILDS computed.</summary>
sealed record FmowFixture(int Rows, string[] Regions, int[] ImageIndex, int[] Split, int[][] Metadata, FmowFixture.Subset[] Subsets)
{
    /// <summary>One split and region filter (<c>Regions</c> null: DAFT's 'all') and the images and labels it lists.</summary>
    public sealed record Subset(string Split, int[]? Regions, int[] ImageIndex, int[] Labels);

    public static readonly string[] Cases = ["official", "reordered"];

    public static string File(string name, string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "fmow", name, file);

    public static string Folder(string name) => Path.GetDirectoryName(File(name, "x"))!;

    public static FmowFixture Load(string name)
    {
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(File(name, "expected.json")));
        var root = json.RootElement;
        var dataset = root.GetProperty("dataset");
        return new FmowFixture(
            root.GetProperty("rows").GetInt32(),
            [.. root.GetProperty("regions").EnumerateArray().Select(r => r.GetString()!)],
            Ints(dataset.GetProperty("image_index")),
            Ints(dataset.GetProperty("split")),
            [.. dataset.GetProperty("metadata").EnumerateArray().Select(Ints)],
            [.. root.GetProperty("subsets").EnumerateArray().Select(s => new Subset(
                s.GetProperty("split").GetString()!,
                s.GetProperty("regions")[0].ValueKind == JsonValueKind.String ? null : Ints(s.GetProperty("regions")),
                Ints(s.GetProperty("image_index")),
                Ints(s.GetProperty("y"))))]);
    }

    static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];
}
