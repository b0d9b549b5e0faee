using Daft.GpuNode.Data;
using Daft.GpuNode.Models;
using Daft.GpuNode.Tests.Probing;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Pipelines;

/// <summary>FT and DAFT with an MLP head and a non-default schedule, end to end on a cut-down digits set on the CPU.</summary>
[Collection(nameof(ThreadCountChanges))] // seeds torch's global generator: alone, so no parallel test draws from it meanwhile
public sealed class MlpHeadAndSchedulePipelineTests
{
    static DatasetSplits Digits()
    {
        using var full = DatasetCatalog.Load("digits", "data");
        return new DatasetSplits(full.Config, full.Train.Subset("train", InMemoryJob.FirstRows(256)),
            full.IdVal.Subset("id_val", InMemoryJob.FirstRows(128)), []);
    }

    [Fact]
    public void Ft_trains_an_mlp_head_at_the_warmup_then_step_rates_and_keeps_its_layout()
    {
        using var data = Digits();
        manual_seed(0);
        using var model = new SmallCnn(data.NumClasses);

        var outcome = InMemoryJob.Run("""
            dataset: digits
            backbone: small_cnn
            method: {name: ft, lr: 0.05}
            epochs: 3
            threads: 2
            lr_schedule: step
            lr_step_size: 1
            lr_gamma: 0.5
            warmup_epochs: 1
            head_hidden: [32]
            head_dropout: 0.1
            """, data, model);

        // Warm-up epoch at lr/2, then the full rate, then StepLR halves it; both groups alike.
        Assert.Equal([[0.025, 0.025], [0.05, 0.05], [0.025, 0.025]], outcome.Epochs.Select(e => e.LearningRates.ToArray()));
        Assert.Equal(["fc.0.weight", "fc.0.bias", "fc.3.weight", "fc.3.bias"], model.HeadParameters().Select(p => p.Name));
        Assert.All(outcome.Epochs, e => Assert.False(double.IsNaN(e.TrainLoss)));
        Assert.True(outcome.Epochs[2].TrainLoss < outcome.Epochs[0].TrainLoss, string.Join(", ", outcome.Epochs.Select(e => e.TrainLoss)));
    }

    [Fact]
    public void Daft_trains_an_mlp_head_from_a_zero_output_layer_under_a_plateau_schedule()
    {
        using var data = Digits();
        manual_seed(0);
        using var model = new SmallCnn(data.NumClasses);

        var outcome = InMemoryJob.Run("""
            dataset: digits
            backbone: small_cnn
            method: {name: daft, lr: 0.01, head_lr: 0.1}
            epochs: 2
            threads: 2
            lr_schedule: plateau
            lr_patience: 0
            head_hidden: [16, 16]
            head_activation: tanh
            """, data, model);

        Assert.Equal([0.01, 0.1], outcome.Epochs[0].LearningRates.ToArray());
        Assert.Equal([0.01, 0.1], outcome.Epochs[1].LearningRates.ToArray()); // epoch 0 set the best: no decay yet
        Assert.Equal(2, outcome.Epochs.Length);
        var mlp = Assert.IsType<MlpHead>(model.HeadModule);
        Assert.Equal(new Shared.Specs.HeadSpec([16, 16], Shared.Specs.HeadActivation.Tanh, 0), mlp.Spec);
        Assert.True(model.Head.weight!.abs().max().item<float>() > 0, "the zeroed output layer learned");
    }
}
