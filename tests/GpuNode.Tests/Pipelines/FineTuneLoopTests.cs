using Daft.GpuNode.Data;
using Daft.GpuNode.Models;
using Daft.GpuNode.Tests.Probing;
using Daft.GpuNode.Training;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Pipelines;

/// <summary>
/// Model selection in the shared SGD loop: the chosen epoch is the first with the best id_val accuracy (a later
/// epoch must beat it, not tie it), and the model ends holding that epoch's weights even when training went on.
/// </summary>
[Collection(nameof(ThreadCountChanges))] // seeds torch's global generator: alone, so no parallel test draws from it meanwhile
public sealed class FineTuneLoopTests
{
    [Fact]
    public void A_tie_keeps_the_first_epoch_and_the_model_returns_to_its_weights()
    {
        using var full = DatasetCatalog.Load("digits", "data");
        // Ten copies of one blank image labelled 0..9: whatever the network predicts for it, it predicts for all ten,
        // so id_val accuracy is exactly 10% after every epoch. The real digits, as an OOD set, show the training.
        var blank = new ImageSet(DatasetSplits.IdValName, zeros([10, 8, 8, 3], ScalarType.Byte), arange(10, dtype: ScalarType.Int64), 10);
        using var data = new DatasetSplits(full.Config, full.Train.Subset("train", InMemoryJob.FirstRows(full.Train.Count)), blank,
            [full.IdVal.Subset("real_digits", InMemoryJob.FirstRows(full.IdVal.Count))]);
        manual_seed(0);
        using var model = new SmallCnn(data.NumClasses);

        var outcome = InMemoryJob.Run("""
            dataset: digits
            backbone: small_cnn
            method:
              name: ft
              lr: 0.05
            epochs: 2
            threads: 2
            """, data, model);

        Assert.All(outcome.Epochs, e => Assert.Equal(0.1, e.Eval[0].Accuracy));
        Assert.Equal(1, outcome.ChosenEpoch);
        Assert.Equal(outcome.Epochs[0].Eval.AsEnumerable(), outcome.Final.AsEnumerable());
        var (first, last) = (outcome.Epochs[0].Eval[1].Accuracy, outcome.Epochs[1].Eval[1].Accuracy);
        Assert.NotEqual(first, last); // epoch 2 changed the network, so the check below tells the two apart
        var now = Trainer.Evaluate(model, BatchLoader.Images(data.Ood[0], 64, null).DisposeEach());
        Assert.Equal(first, now.Accuracy);
    }
}
