using System.Text.Json;
using Daft.Coordinator.Results.Plots;
using Daft.Shared.Results;

namespace Daft.Coordinator.Tests.Results.Plots;

/// <summary>The curves of a job's per-epoch plot, from its result.</summary>
public sealed class EpochSelectionTests
{
    private static readonly RunResult Daft = new("0123456789abcdef", "daft", "digits_inverted", "small_cnn", 1, 0, "succeeded", null, 2,
        [new SetMetrics("id_val", 0.95, 0.2, 445), new SetMetrics("digits", 0.25, 3.0, 445)],
        [
            new EpochMetrics(1, [0.01, 0.1], 1.2, 0.6, [new SetMetrics("id_val", 0.9, 0.3, 445), new SetMetrics("digits", 0.2, 3.5, 445)], 1.5),
            new EpochMetrics(2, [0.005, 0.05], 0.4, 0.8, [new SetMetrics("id_val", 0.95, 0.2, 445), new SetMetrics("digits", 0.25, 3.0, 445)], 3.0),
            new EpochMetrics(3, [0.0, 0.0], double.NaN, 0.85, [new SetMetrics("id_val", 0.93, 0.25, 445), new SetMetrics("digits", 0.3, 2.8, 445)], 4.5),
        ],
        [], null, null, new Timings(5, 0.5, 0.1, 0, 3, 1.4, 300), new RunEnvironment("0.1.0", "0.107.0", "2.10.0", "10.0", "cpu", 2, "h"),
        JsonDocument.Parse("{}").RootElement.Clone());

    [Fact]
    public void Losses_accuracies_in_percent_and_both_learning_rates_are_curves_over_epochs()
    {
        var chart = EpochSelection.Of(Daft);

        Assert.Equal(2, chart.ChosenEpoch);
        Assert.Equal(["train", "id_val", "digits"], chart.Losses.Select(curve => curve.Label));
        // The NaN train loss of epoch 3 is left out; every other value is there.
        Assert.Equal([(1, 1.2), (2, 0.4)], chart.Losses[0].Points);
        Assert.Equal([(1, 3.5), (2, 3.0), (3, 2.8)], chart.Losses[2].Points);
        Assert.Equal(["train", "id_val", "digits"], chart.Accuracies.Select(curve => curve.Label));
        Assert.Equal([60.0, 80.0, 85.0], chart.Accuracies[0].Points.Select(point => point.Value), new Percent());
        Assert.Equal([90.0, 95.0, 93.0], chart.Accuracies[1].Points.Select(point => point.Value), new Percent());
        Assert.Equal(["features (group 0)", "head (group 1)"], chart.LearningRates.Select(curve => curve.Label));
        Assert.Equal([(1, 0.1), (2, 0.05), (3, 0.0)], chart.LearningRates[1].Points);
        Assert.False(chart.IsEmpty);
    }

    [Fact]
    public void A_result_without_epochs_is_an_empty_chart()
    {
        var chart = EpochSelection.Of(Daft with { Epochs = [] });

        Assert.True(chart.IsEmpty);
        Assert.Empty(chart.LearningRates);
        Assert.Equal("group 2", EpochSelection.GroupName(2, 3));
    }

    private sealed class Percent : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double value) => 0;
    }
}
