namespace Daft.Coordinator.Tests.Api;

/// <summary>Sweep files for the API and CLI tests: FT of the small CNN on the shipped digits, one job per run_num.</summary>
internal static class TestSweeps
{
    public static string Yaml(string name, int runs = 2, double lr = 0.01) => $"""
        name: {name}
        defaults:
          epochs: 2
        grid:
          dataset: [digits]
          backbone: [small_cnn]
          run_num: [{string.Join(", ", Enumerable.Range(1, runs))}]
        methods:
          ft: {"{"}lr: {lr.ToString(System.Globalization.CultureInfo.InvariantCulture)}{"}"}
        """;

    /// <summary>Line 3 names no known key: the loader reports it at its line and column.</summary>
    public const string Broken = """
        name: broken
        grid:
          datasett: [digits]
        methods:
          ft: {lr: 0.01}
        """;
}
