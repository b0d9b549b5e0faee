using Daft.Coordinator.Jobs;
using Daft.Coordinator.Results;
using Daft.Coordinator.Results.Plots;

namespace Daft.Coordinator.Tests.Results.Plots;

/// <summary>Which points each sweep plot shows and which setting it marks chosen, on hand-computed examples.</summary>
public sealed class PlotSelectionTests
{
    private static ResultRow Run(string method, string hyper, int runNum, double idVal, double? ood = null) =>
        new($"{method}-{hyper}-{runNum}", "cifar10", "moco", method, hyper, runNum, JobState.Succeeded, null,
            ood is { } value ? new Dictionary<string, double> { ["id_val"] = idVal, ["stl10"] = value } : new Dictionary<string, double> { ["id_val"] = idVal });

    /// <summary>
    /// ft: lr=0.1 has ID 95/85/90 (mean 90) and OOD 80/82/84 (82); lr=0.01 has ID 90/92/94 (mean 92, std 2) and OOD
    /// 70/74/72 (72): lr=0.01 is chosen, though lr=0.1 is better OOD. daft: head_lr=1 at lr=0.001 has the best ID (95);
    /// head_lr=0.1 was run at lr=0.01 (93) and lr=0.001 (91, no OOD measured). lp: one setting, ID 88, OOD 75.
    /// </summary>
    private static readonly IReadOnlyList<ResultCell> Cells = ResultAggregator.Aggregate(
    [
        Run("ft", "lr=0.1", 1, 95, 80), Run("ft", "lr=0.1", 2, 85, 82), Run("ft", "lr=0.1", 3, 90, 84),
        Run("ft", "lr=0.01", 1, 90, 70), Run("ft", "lr=0.01", 2, 92, 74), Run("ft", "lr=0.01", 3, 94, 72),
        Run("lp", "", 1, 88, 75),
        Run("daft", "lr=0.01 head_lr=0.1", 1, 93, 66), Run("daft", "lr=0.001 head_lr=1", 1, 95, 64), Run("daft", "lr=0.001 head_lr=0.1", 1, 91),
    ]);

    [Fact]
    public void Accuracy_vs_lr_has_a_line_per_method_and_head_lr_sorted_by_lr_with_the_id_choice_marked()
    {
        var charts = LrSweepSelection.Charts(Cells);

        Assert.Equal([("cifar10", "moco", "id_val"), ("cifar10", "moco", "stl10")], charts.Select(chart => (chart.Dataset, chart.Model, chart.Metric)));
        var id = charts[0];
        Assert.Equal(["ft", "daft, head_lr=0.1", "daft, head_lr=1"], id.Series.Select(series => series.Label));
        Assert.Equal([(0.01, 92.0, true), (0.1, 90.0, false)], id.Series[0].Points.Select(point => (point.Lr, point.Accuracy.Mean, point.Chosen)));
        Assert.Equal(2.0, id.Series[0].Points[0].Accuracy.Std!.Value, 12);
        Assert.Equal([(0.001, 91.0, false), (0.01, 93.0, false)], id.Series[1].Points.Select(point => (point.Lr, point.Accuracy.Mean, point.Chosen)));
        Assert.Equal([(0.001, 95.0, true)], id.Series[2].Points.Select(point => (point.Lr, point.Accuracy.Mean, point.Chosen)));
        var lp = Assert.Single(id.References);
        Assert.Equal(("lp", 88.0, 1), (lp.Method, lp.Accuracy.Mean, lp.Accuracy.N));
    }

    [Fact]
    public void On_an_ood_plot_the_marked_setting_is_the_one_id_chose_and_settings_without_that_set_are_left_out()
    {
        var ood = LrSweepSelection.Chart(Cells, "stl10");

        Assert.Equal([(0.01, 72.0, true), (0.1, 82.0, false)], ood.Series[0].Points.Select(point => (point.Lr, point.Accuracy.Mean, point.Chosen)));
        // daft lr=0.001 head_lr=0.1 measured no stl10: its line keeps only lr=0.01.
        Assert.Equal([0.01], ood.Series[1].Points.Select(point => point.Lr));
        Assert.Equal(75.0, Assert.Single(ood.References).Accuracy.Mean);
        Assert.False(ood.IsEmpty);
        Assert.True(LrSweepSelection.Chart(Cells, "cifar10_1").IsEmpty);
    }

    [Fact]
    public void Id_vs_ood_has_every_setting_that_measured_both_with_each_methods_choice_marked()
    {
        var chart = Assert.Single(IdOodSelection.Charts(Cells));

        Assert.Equal("stl10", chart.OodSet);
        Assert.Equal([("ft lr=0.01", 92.0, 72.0), ("lp", 88.0, 75.0), ("daft lr=0.001 head_lr=1", 95.0, 64.0)],
            chart.Chosen.Select(point => (point.Label, point.Id.Mean, point.Ood.Mean)));
        Assert.Equal(["ft lr=0.1", "daft lr=0.01 head_lr=0.1"], chart.Others.Select(point => point.Label));
        Assert.Equal((2.0, 2.0), (chart.Chosen.First().Id.Std!.Value, chart.Chosen.First().Ood.Std!.Value));
    }

    [Fact]
    public void A_pair_without_ood_sets_gets_accuracy_vs_lr_for_id_only_and_no_scatter()
    {
        var cells = ResultAggregator.Aggregate([Run("ft", "lr=0.1", 1, 80), Run("ft", "lr=0.01", 1, 85)]);

        Assert.Equal(["id_val"], LrSweepSelection.Charts(cells).Select(chart => chart.Metric));
        Assert.Empty(IdOodSelection.Charts(cells));
    }

    [Fact]
    public void A_cell_whose_replicates_all_failed_draws_nothing_and_marks_nothing()
    {
        var failed = new ResultRow("x", "cifar10", "moco", "ft", "lr=0.1", 1, JobState.Failed, "out of memory", null);

        var charts = LrSweepSelection.Charts(ResultAggregator.Aggregate([failed, Run("lp", "", 1, 80, 60)]));

        Assert.Equal(["id_val", "stl10"], charts.Select(chart => chart.Metric));
        var chart = charts[0];
        Assert.Empty(chart.Series);
        Assert.Single(chart.References);
    }

    [Fact]
    public void Hyperparameter_text_splits_into_the_learning_rate_and_the_rest()
    {
        Assert.Equal([("lr", 1e-05), ("head_lr", 0.1)], Hyperparameters.Parse("lr=1e-05 head_lr=0.1"));
        Assert.Equal(((double?)1e-05, "head_lr=0.1"), Hyperparameters.SplitLearningRate("lr=1e-05 head_lr=0.1"));
        Assert.Equal(((double?)0.003, ""), Hyperparameters.SplitLearningRate("lr=0.003"));
        Assert.Equal(((double?)null, ""), Hyperparameters.SplitLearningRate(""));
        Assert.Throws<FormatException>(() => Hyperparameters.Parse("lr=fast"));
        // Settings that are not numbers are named, never plotted.
        Assert.Equal([("lr", 0.01)], Hyperparameters.Parse("lr=0.01 lr_schedule=step head_hidden=512,256"));
        Assert.Equal(((double?)0.01, "lr_schedule=step thaw=layer4@2"), Hyperparameters.SplitLearningRate("lr=0.01 lr_schedule=step thaw=layer4@2"));
        Assert.Throws<FormatException>(() => Hyperparameters.Parse("lr=0.01 schedule"));
    }

    [Fact]
    public void Log_ticks_are_1_2_5_per_decade_decades_past_four_and_the_ends_of_a_short_range()
    {
        Assert.Equal([0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1], LogAxis.NiceTicks(0.001, 0.1), new Close());
        Assert.Equal([1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1], LogAxis.NiceTicks(1e-6, 0.1), new Close());
        Assert.Equal([0.0125, 0.02, 0.05], LogAxis.NiceTicks(0.0125, 0.05), new Close());
        Assert.Equal([0.003], LogAxis.NiceTicks(0.003, 0.003), new Close());
        Assert.Empty(LogAxis.NiceTicks(0, 1));
    }

    [Fact]
    public void Lines_are_dodged_symmetrically_around_the_true_learning_rate()
    {
        Assert.Equal([-0.02, 0, 0.02], Enumerable.Range(0, 3).Select(index => LrSweepPlot.Offset(index, 3)), new Close());
        Assert.Equal(0, LrSweepPlot.Offset(0, 1));
        Assert.Equal("n=1–3", LrSweepPlot.Replicates([new Spread(1, null, 1), new Spread(1, 0, 3)]));
        Assert.Equal("n=3", LrSweepPlot.Replicates([new Spread(1, 0, 3), new Spread(2, 0, 3)]));
    }

    private sealed class Close : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-12 * Math.Max(1, Math.Abs(x));

        public int GetHashCode(double value) => 0;
    }
}
