using Daft.GpuNode.Data;
using Daft.GpuNode.Models;
using Daft.GpuNode.Pipelines;
using Daft.GpuNode.Tests.Probing;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Pipelines;

/// <summary>
/// DAFT's zero head (daft-spec §1.2): the feature gradient Wᵀ(p − y) is zero while W is, so the first SGD step
/// moves only the head and the body starts moving at step 2. Run through <see cref="DaftPipeline"/> itself on a
/// digits training split cut to one batch (one step per epoch) or two.
/// </summary>
[Collection(nameof(ThreadCountChanges))] // seeds torch's global generator: alone, so no parallel test draws from it meanwhile
public sealed class DaftPipelineTests
{
    [Fact]
    public void The_first_step_moves_the_head_only()
    {
        var (before, after) = TrainOneEpoch(trainImages: 64);

        foreach (var (name, initial) in before.Where(p => !p.Key.StartsWith("fc.", StringComparison.Ordinal)))
            Assert.True(initial.equal(after[name]).all().item<bool>(), $"{name} moved in the first step");
        Assert.True(after["fc.weight"].abs().sum().item<float>() > 0, "the head did not move from zero");
    }

    [Fact]
    public void The_body_moves_from_the_second_step_on()
    {
        var (before, after) = TrainOneEpoch(trainImages: 128);

        Assert.Contains(before.Where(p => !p.Key.StartsWith("fc.", StringComparison.Ordinal)),
            p => !p.Value.equal(after[p.Key]).all().item<bool>());
    }

    /// <summary>The trainable parameters of a seeded small CNN before and after one DAFT epoch over the first images of digits' train split.</summary>
    static (Dictionary<string, Tensor> Before, Dictionary<string, Tensor> After) TrainOneEpoch(int trainImages)
    {
        using var full = DatasetCatalog.Load("digits", "data");
        using var data = new DatasetSplits(full.Config, full.Train.Subset("train", InMemoryJob.FirstRows(trainImages)),
            full.IdVal.Subset(DatasetSplits.IdValName, InMemoryJob.FirstRows(64)), []);
        manual_seed(0);
        using var model = new SmallCnn(data.NumClasses);
        var before = Parameters(model);
        var outcome = InMemoryJob.Run("""
            dataset: digits
            backbone: small_cnn
            method:
              name: daft
              lr: 0.01
              head_lr: 0.1
              convert_bn: false
            epochs: 1
            threads: 2
            """, data, model);
        Assert.Equal(1, outcome.ChosenEpoch); // the model holds the weights after this epoch's steps
        return (before, Parameters(model));
    }

    static Dictionary<string, Tensor> Parameters(nn.Module model) =>
        model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
}
