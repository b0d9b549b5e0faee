using Daft.Coordinator.Results.Tables;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Tests.Results.Tables;

public sealed class TableDefinitionLoaderTests
{
    [Fact]
    public void Every_built_in_table_loads_and_the_paper_table_has_the_papers_layout()
    {
        Assert.Equal(["default", "digits-da", "digits-shift", "paper"], TableDefinitionLoader.Builtin.Keys.Order(StringComparer.Ordinal));
        var paper = TableDefinitionLoader.Resolve("paper");

        Assert.Equal(["LP", "FT", "LP-FT", "DAFT"], paper.Rows.Select(row => row.Label));
        Assert.Equal(["cifar10", "domainnet", "living17", "entity30", "fmow"], paper.Columns.Select(column => column.Dataset));
        Assert.All(paper.Columns, column => Assert.Equal("id_val", column.Sets[0].Set));
        Assert.Equal((TableSpread.Std, 1, "id_val"), (paper.Spread, paper.Decimals, paper.SelectBy));
    }

    [Fact]
    public void Every_error_names_the_file_line_and_column_and_an_unknown_key_gets_a_suggestion()
    {
        var error = Assert.Throws<ConfigException>(() => TableDefinitionLoader.Parse("""
            name: t
            spred: std
            metric: top5
            decimals: 9
            show: [runs, seeds]
            columns:
              cifar10: {label: CIFAR-10, set: [id_val]}
            """, "tables/t.yaml"));

        Assert.Equal(
        [
            "tables/t.yaml:2:1: unknown key `spred` (did you mean `spread`?); allowed table keys: name, title, rows, columns, metric, select_by, spread, decimals, bold, show",
            "tables/t.yaml:3:9: unknown metric `top5`; allowed: accuracy, error",
            "tables/t.yaml:4:11: `decimals` must be at most 6, got 9",
            "tables/t.yaml:5:14: unknown `show` column `seeds`; allowed: runs, chosen",
            "tables/t.yaml:7:30: unknown key `set` (did you mean `sets`?); allowed keys of column `cifar10`: label, sets",
        ], error.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void An_unknown_table_name_lists_the_built_in_ones()
    {
        var error = Assert.Throws<ConfigException>(() => TableDefinitionLoader.Resolve("papr"));

        Assert.Contains("no table file or built-in table `papr`; built-in tables: default, digits-da, digits-shift, paper", error.Message);
    }
}
