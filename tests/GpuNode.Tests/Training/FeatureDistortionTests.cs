using Daft.GpuNode.BatchNorm;
using Daft.GpuNode.Training;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Training;

public class FeatureDistortionTests
{
    [Fact]
    public void Identical_nets_show_no_distortion()
    {
        using var initial = new TinyBnNet();
        using var current = ModelCopy.Clone(initial, () => new TinyBnNet());

        var report = FeatureDistortion.Compute(initial, current, TrainingData.Batches(2));

        Assert.Equal(0, report.FeatureExtractorRelativeChange);
        Assert.All(report.Tensors, t => Assert.Equal(0, t.AbsoluteChange));
        Assert.Equal(16, report.Features.Samples);
        Assert.Equal(1, report.Features.CosineMean, 6);
        Assert.Equal(0, report.Features.DistanceMean, 6);
        Assert.Equal(1, report.Features.NormRatioMean, 6);
    }

    [Fact]
    public void Doubling_the_last_bn_doubles_the_features_and_names_the_tensors_that_moved()
    {
        using var initial = new TinyBnNet();
        using var current = ModelCopy.Clone(initial, () => new TinyBnNet());
        var bn2 = BatchNormConversion.FindLayers(current).Single(l => l.Name == "bn2").Layer;
        using (no_grad())
        {
            // ReLU is positively homogeneous: 2·(γx̂+β) after ReLU is twice the features.
            bn2.weight.mul_(2);
            bn2.bias!.mul_(2);
        }
        var batches = TrainingData.Batches(2);

        var report = FeatureDistortion.Compute(initial, current, batches);

        // Feature distance = ‖2f₀ − f₀‖ = ‖f₀‖ per sample.
        Assert.Equal(1, report.Features.CosineMean, 5);
        Assert.Equal(2, report.Features.NormRatioMean, 5);
        Assert.Equal(report.Features.InitialNormMean, report.Features.DistanceMean, 5);
        var moved = report.Tensors.Where(t => t.AbsoluteChange > 0).ToDictionary(t => t.Name);
        Assert.Equal(["bn2.bias", "bn2.weight"], moved.Keys.Order());
        Assert.Equal(1.0, moved["bn2.weight"].RelativeChange!.Value, 6);
        Assert.Equal(TensorKind.Parameter, moved["bn2.weight"].Kind);
        var relativeBody = Math.Sqrt(moved["bn2.weight"].AbsoluteChange * moved["bn2.weight"].AbsoluteChange + moved["bn2.bias"].AbsoluteChange * moved["bn2.bias"].AbsoluteChange)
            / Math.Sqrt(report.Tensors.Where(t => t.Kind == TensorKind.Parameter).Sum(t => t.InitialNorm * t.InitialNorm));
        Assert.Equal(relativeBody, report.FeatureExtractorRelativeChange!.Value, 12);
    }

    [Fact]
    public void Running_stat_drift_is_reported_per_buffer_and_integer_counters_are_skipped()
    {
        using var initial = new TinyBnNet();
        using var current = ModelCopy.Clone(initial, () => new TinyBnNet());
        using (no_grad())
            current.FirstBn.running_mean!.add_(0.5);

        var drifts = FeatureDistortion.TensorDrifts(initial, current).ToDictionary(t => t.Name);

        Assert.Equal(TensorKind.RunningMean, drifts["bn1.running_mean"].Kind);
        Assert.Equal(TensorKind.RunningVar, drifts["bn1.running_var"].Kind);
        Assert.Equal(Math.Sqrt(4 * 0.25), drifts["bn1.running_mean"].AbsoluteChange, 6);
        Assert.Equal(0, drifts["bn1.running_var"].AbsoluteChange);
        Assert.DoesNotContain(drifts.Keys, n => n.EndsWith("num_batches_tracked", StringComparison.Ordinal));
    }

    [Fact]
    public void A_zero_initial_head_has_no_relative_change_and_the_report_serialises_to_json()
    {
        using var initial = new TinyBnNet();
        HeadInit.Zero(initial);
        using var current = new TinyBnNet();

        var report = FeatureDistortion.Compute(initial, current, TrainingData.Batches(1));
        var head = report.Tensors.Single(t => t.Name == "fc.weight");

        Assert.Equal(TensorKind.Head, head.Kind);
        Assert.Null(head.RelativeChange);
        Assert.True(head.AbsoluteChange > 0);
        var json = System.Text.Json.JsonSerializer.Serialize(report);
        Assert.Contains("\"Name\":\"fc.weight\",\"Kind\":\"Head\"", json);
        Assert.Contains("\"RelativeChange\":null", json);
    }
}
