using Daft.Coordinator.Results.Tables;

namespace Daft.Coordinator.Tests.Results.Tables;

/// <summary>What a built table holds, on the hand-computed <see cref="TableExamples"/>.</summary>
public sealed class TableBuilderTests
{
    private static readonly TableDefinition Default = TableDefinitionLoader.Resolve("default");

    private static BuiltTable Build(TableDefinition? definition = null) =>
        Assert.Single(TableBuilder.Build(TableExamples.Rows, definition ?? Default));

    private static BuiltCell CellOf(BuiltTable table, string method, string dataset, string header)
    {
        var columns = table.Groups.SelectMany(group => group.Columns.Select(column => (group.Dataset, column.Header))).ToList();
        return table.Rows.Single(row => row.Method == method).Cells[columns.IndexOf((dataset, header))];
    }

    [Fact]
    public void Rows_follow_the_papers_order_and_columns_put_id_first_then_the_ood_sets_by_name()
    {
        var table = Build();

        Assert.Equal(["LP", "FT", "LP-FT", "DAFT"], table.Rows.Select(row => row.Label));
        Assert.Equal(["digits_shift", "living17"], table.Groups.Select(group => group.Dataset));
        Assert.Equal(["n", "chosen", "ID", "digits", "mnist_m"], table.Groups[0].Columns.Select(column => column.Header));
        Assert.Equal("small_cnn", table.Model);
    }

    [Fact]
    public void Each_cell_is_the_setting_with_the_best_mean_id_accuracy_with_its_replicates_counted()
    {
        var table = Build();

        // FT: lr=0.01 (mean 96 over 2 of 3) beats lr=0.1 (mean 94 over 3).
        Assert.Equal("lr=0.01", CellOf(table, "ft", "digits_shift", "chosen").Text);
        Assert.Equal("2/3", CellOf(table, "ft", "digits_shift", "n").Text);
        var id = CellOf(table, "ft", "digits_shift", "ID").Value!;
        Assert.Equal((96.0, Math.Sqrt(2), 2), (id.Mean, id.Std!.Value, id.N));
        Assert.Equal(42.0, CellOf(table, "ft", "digits_shift", "mnist_m").Value!.Mean, 12);
        Assert.Equal("-", CellOf(table, "lp", "digits_shift", "chosen").Text);
        Assert.Equal("1/3", CellOf(table, "daft", "digits_shift", "n").Text);
    }

    [Fact]
    public void The_best_of_each_column_is_marked_and_equal_printed_values_are_both_marked()
    {
        var table = Build();

        Assert.Equal(["daft"], Best(table, "digits_shift", "ID"));
        Assert.Equal(["lp_ft"], Best(table, "digits_shift", "mnist_m"));
        // LP-FT's UCI mean 57 and DAFT's single 57 print the same.
        Assert.Equal(["lp_ft", "daft"], Best(table, "digits_shift", "digits"));
        // living17 ID has one value (LP failed): nothing to compare, nothing bold.
        Assert.Empty(Best(table, "living17", "ID"));
        Assert.Empty(Best(Build(Default with { Bold = false }), "digits_shift", "ID"));
    }

    [Fact]
    public void A_method_without_a_succeeded_replicate_shows_no_value_and_every_missing_replicate_is_noted()
    {
        var table = Build();

        Assert.Equal("0/1", CellOf(table, "lp", "living17", "n").Text);
        Assert.Null(CellOf(table, "lp", "living17", "ID").Value);
        // LP-FT never ran on living17: an empty cell, not 0/0.
        Assert.Equal(BuiltCell.Empty, CellOf(table, "lp_ft", "living17", "n"));
        Assert.Equal(
        [
            "LP on living17: run 1 failed: dataset missing: /data/imagenet (daft data fetch living17)",
            "FT on digits_shift, lr=0.01: run 3 failed: exit code 137 (killed: out of memory?)",
            "DAFT on digits_shift, lr=0.01 head_lr=0.1: run 2 pending",
            "DAFT on digits_shift, lr=0.01 head_lr=0.1: run 3 pending",
        ], table.Notes);
    }

    [Fact]
    public void The_definition_chooses_rows_columns_labels_and_the_metric()
    {
        var definition = TableDefinitionLoader.Parse("""
            name: t
            rows: {daft: DAFT, lp: LP, dann: DANN}
            columns:
              digits_shift: {label: Digits, sets: {mnist_m: MNIST-M, id_val: ID}}
            metric: error
            """, "t.yaml");

        var table = Build(definition);

        // Rows and sets in the file's order; DANN is not in the results, living17 not in the file.
        Assert.Equal(["DAFT", "LP"], table.Rows.Select(row => row.Label));
        var group = Assert.Single(table.Groups);
        Assert.Equal("Digits", group.Label);
        Assert.Equal(["MNIST-M", "ID"], group.Columns.Select(column => column.Header));
        // Error = 100 - accuracy; the best is the lowest: DAFT's 3.5 and 35 beat LP's 9 and 38.
        Assert.Equal(100 - 96.5, table.Rows[0].Cells[1].Value!.Mean, 12);
        Assert.Equal(100 - 62.0, table.Rows[1].Cells[0].Value!.Mean, 12);
        Assert.Equal([true, true, false, false], table.Rows.SelectMany(row => row.Cells).Select(cell => cell.Best));
    }

    [Fact]
    public void Selecting_by_an_ood_set_picks_the_oracle_setting()
    {
        var table = Build(Default with { SelectBy = "mnist_m" });

        // FT by MNIST-M: lr=0.1 (45) beats lr=0.01 (42).
        Assert.Equal("lr=0.1", CellOf(table, "ft", "digits_shift", "chosen").Text);
    }

    [Fact]
    public void One_table_per_model()
    {
        var rows = TableExamples.Rows.Concat(TableExamples.Rows.Take(3).Select(row => row with { JobId = row.JobId + "-r50", Model = "resnet50" })).ToList();

        var tables = TableBuilder.Build(rows, Default);

        Assert.Equal(["small_cnn", "resnet50"], tables.Select(table => table.Model));
        Assert.Equal(["LP"], tables[1].Rows.Select(row => row.Label));
    }

    private static string[] Best(BuiltTable table, string dataset, string header) =>
        [.. table.Rows.Where(row => CellOf(table, row.Method, dataset, header).Best).Select(row => row.Method)];
}
