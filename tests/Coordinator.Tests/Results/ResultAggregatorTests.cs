using Daft.Coordinator.Jobs;
using Daft.Coordinator.Results;

namespace Daft.Coordinator.Tests.Results;

/// <summary>Selection and aggregation on hand-computed examples.</summary>
public sealed class ResultAggregatorTests
{
    private static ResultRow Run(string hyper, int runNum, double idVal, double ood, string method = "ft") =>
        new($"{method}-{hyper}-{runNum}", "cifar10", "moco", method, hyper, runNum, JobState.Succeeded, null,
            new Dictionary<string, double> { ["id_val"] = idVal, ["stl10"] = ood });

    private static ResultRow Failed(string hyper, int runNum, JobState state = JobState.Failed, string reason = "out of memory") =>
        new($"ft-{hyper}-{runNum}", "cifar10", "moco", "ft", hyper, runNum, state, reason, null);

    [Fact]
    public void The_setting_with_the_best_mean_id_accuracy_wins_with_mean_std_and_the_90_percent_interval()
    {
        var cell = Assert.Single(ResultAggregator.Aggregate(
        [
            Run("lr=0.01", 1, 90, 70), Run("lr=0.01", 2, 92, 74), Run("lr=0.01", 3, 94, 72),
            Run("lr=0.1", 1, 95, 60), Run("lr=0.1", 2, 85, 62), Run("lr=0.1", 3, 90, 64),
        ]));

        // lr=0.01: ID mean 92, sample std 2; lr=0.1: mean 90. OOD of the winner: mean 72, std 2.
        Assert.Equal("lr=0.01", cell.Best!.Hyper);
        var id = cell.Best.Metrics["id_val"];
        Assert.Equal((92.0, 2.0, 3), (id.Mean, id.Std!.Value, id.N));
        Assert.Equal(1.645 * 2 / Math.Sqrt(3), id.Interval90!.Value, 12);
        Assert.Equal(72.0, cell.Best.Metrics["stl10"].Mean, 12);
        Assert.Equal(["lr=0.01", "lr=0.1"], cell.Groups.Select(group => group.Hyper));
    }

    [Fact]
    public void A_tie_goes_to_the_setting_with_more_succeeded_replicates_then_to_the_one_seen_first()
    {
        var more = Assert.Single(ResultAggregator.Aggregate(
            [Run("lr=0.1", 1, 90, 0), Failed("lr=0.1", 2), Run("lr=0.01", 1, 89, 0), Run("lr=0.01", 2, 91, 0)]));
        Assert.Equal("lr=0.01", more.Best!.Hyper);

        var first = Assert.Single(ResultAggregator.Aggregate([Run("lr=0.1", 1, 90, 0), Run("lr=0.01", 1, 90, 0)]));
        Assert.Equal("lr=0.1", first.Best!.Hyper);
    }

    [Fact]
    public void Failed_and_missing_replicates_are_listed_and_not_averaged()
    {
        var cell = Assert.Single(ResultAggregator.Aggregate(
            [Run("lr=0.01", 1, 90, 70), Failed("lr=0.01", 2), Failed("lr=0.01", 3, JobState.Pending, null!)]));

        var group = cell.Best!;
        Assert.Equal(3, group.Runs);
        Assert.Equal(1, group.Metrics["id_val"].N);
        Assert.Null(group.Metrics["id_val"].Std);
        Assert.Null(group.Metrics["id_val"].Interval90);
        Assert.Equal([(2, JobState.Failed, "out of memory"), (3, JobState.Pending, (string?)null)],
            group.Missing.Select(run => (run.RunNum, run.State, run.Reason)));
    }

    [Fact]
    public void A_cell_whose_every_replicate_failed_has_no_choice_but_shows_its_settings()
    {
        var cells = ResultAggregator.Aggregate([Failed("lr=0.01", 1), Failed("lr=0.1", 1), Run("lr=1", 1, 50, 40, method: "lp")]);

        var ft = Assert.Single(cells, cell => cell.Method == "ft");
        Assert.Null(ft.Best);
        Assert.Equal(2, ft.Groups.Count);
        Assert.Equal("lr=1", Assert.Single(cells, cell => cell.Method == "lp").Best!.Hyper);
    }
}
