using System.Text.Json;
using Daft.Shared.Results;

namespace Daft.Shared.Tests.Results;

public sealed class RunResultTests
{
    internal static RunResult Sample(string jobId = "0123456789abcdef", string method = "daft", double idVal = 0.9753) => new(
        jobId, method, "digits_inverted", "small_cnn", 1, 0, "succeeded", null, 2,
        [new SetMetrics("id_val", idVal, 0.1, 445), new SetMetrics("digits", 0.2899, 3.2, 445)],
        [
            new EpochMetrics(1, [0.01, 0.1], 1.2, 0.6, [new SetMetrics("id_val", 0.9, 0.3, 445)], 1.5),
            new EpochMetrics(2, [0.005, 0.05], double.NaN, 0.8, [new SetMetrics("id_val", idVal, 0.1, 445)], 3.0),
        ],
        [new StepRecord(1, 1, [0.01, 0.1], 2.3)],
        new ProbeSummary(0.17, 0.96, [new ProbePathPoint(1e-7, 0.1, 0.1)]),
        JsonDocument.Parse("""{"cosine_mean": 0.5}""").RootElement.Clone(),
        new Timings(10, 1, 0.5, 0, 7, 1.5, 300),
        new RunEnvironment("0.1.0", "0.107.0", "2.10.0", "10.0", "cpu", 2, "host"),
        JsonDocument.Parse("""{"dataset": "digits_inverted"}""").RootElement.Clone());

    [Fact]
    public void Json_round_trip_keeps_every_field_including_NaN_losses()
    {
        var result = Sample();

        var back = RunResult.FromJson(result.ToJson());

        Assert.Equal(result.ToJson(), back.ToJson());
        Assert.True(double.IsNaN(back.Epochs[1].TrainLoss));
        Assert.Equal(new[] { 0.005, 0.05 }, back.Epochs[1].LearningRates.ToArray());
        Assert.Equal("digits", back.Final[1].Name);
    }

    [Fact]
    public void Json_uses_snake_case_names_that_scripts_read()
    {
        using var json = JsonDocument.Parse(Sample().ToJson());
        var root = json.RootElement;

        Assert.Equal("0123456789abcdef", root.GetProperty("job_id").GetString());
        Assert.Equal(2, root.GetProperty("chosen_epoch").GetInt32());
        Assert.Equal(300, root.GetProperty("timings").GetProperty("train_images_per_second").GetDouble());
        Assert.Equal(0.17, root.GetProperty("probe").GetProperty("best_c").GetDouble());
    }

    [Fact]
    public void A_failed_result_carries_the_reason_and_no_metrics()
    {
        var sample = Sample();

        var failed = RunResult.Failed("id", "ft", "digits", "small_cnn", 1, 0, "FileNotFoundException: no file", 0.2, sample.Environment, sample.Spec);

        Assert.Equal("failed", failed.Status);
        Assert.Equal("FileNotFoundException: no file", failed.Error);
        Assert.Empty(failed.Final);
        Assert.Empty(failed.Epochs);
    }
}
