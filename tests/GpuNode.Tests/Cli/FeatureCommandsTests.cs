using System.Text.Json;
using Daft.GpuNode.Data;
using Daft.GpuNode.IO;
using Daft.GpuNode.Probing;
using Daft.GpuNode.Tests.Jobs;
using Daft.GpuNode.Tests.Probing;
using Daft.GpuNode.Training;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Cli;

/// <summary>
/// The LP workflow by hand: <c>features extract</c> writes every split's penultimate features and labels as .npy,
/// and <c>probe fit</c> on them prints the C path and writes a head that classifies as it reports.
/// </summary>
[Collection(nameof(ThreadCountChanges))] // --threads sets libtorch's process-wide thread count
public sealed class FeatureCommandsTests
{
    const long Seed = 3;

    [Fact]
    public void Extracted_features_feed_probe_fit()
    {
        var folder = DigitsRuns.NewFolder("features");
        var weights = DigitsRuns.Pretrain.ModelPath;

        var extract = NodeCli.Run("features", "extract", "--backbone", "small_cnn", "--weights", weights,
            "--dataset", "digits_inverted", "--out", folder, "--seed", $"{Seed}", "--threads", "2");

        Assert.True(extract.Code == 0, extract.Error);
        using (var json = JsonDocument.Parse(extract.Out))
        {
            var splits = json.RootElement.GetProperty("splits");
            Assert.Equal(["train", "id_val", "digits"], splits.EnumerateObject().Select(p => p.Name));
            Assert.Equal([1352L, 128L], splits.GetProperty("train").EnumerateArray().Select(d => d.GetInt64()));
        }
        using var data = DatasetCatalog.Load("digits_inverted", "data");
        using var scope = NewDisposeScope();
        foreach (var (split, set) in new[] { ("train", data.Train), ("id_val", data.IdVal), ("digits", data.Ood[0]) })
        {
            var x = Npy.Load(Path.Combine(folder, $"{split}_features.npy"));
            var y = Npy.Load(Path.Combine(folder, $"{split}_labels.npy"));
            Assert.Equal([set.Count, 128L], x.shape);
            Assert.Equal(ScalarType.Float32, x.dtype);
            Assert.Equal(ScalarType.Int64, y.dtype);
            // Train comes from one shuffled pass (the loader's seeded epoch-0 order); the other splits in file order.
            var order = split == "train"
                ? new BatchLoader(set, 64, shuffle: true, augment: true, null, Seed).Order(0).Select(i => (long)i).ToArray()
                : [.. Enumerable.Range(0, set.Count).Select(i => (long)i)];
            Assert.Equal(set.Labels.index_select(0, tensor(order)).data<long>().ToArray(), y.data<long>().ToArray());
        }
        using (var model = JobRunAssert.LoadModel("small_cnn", weights))
        {
            model.eval();
            using var _ = no_grad();
            var direct = model.Features(BatchLoader.Images(data.IdVal, data.IdVal.Count, null).Single().Images);
            Assert.True(direct.allclose(Npy.Load(Path.Combine(folder, "id_val_features.npy")), rtol: 1e-5, atol: 1e-5),
                "id_val features are not the weights' penultimate features");
        }

        var head = Path.Combine(folder, "head.safetensors");
        var fit = NodeCli.Run("probe", "fit",
            "--train", Path.Combine(folder, "train_features.npy"), Path.Combine(folder, "train_labels.npy"),
            "--val", Path.Combine(folder, "id_val_features.npy"), Path.Combine(folder, "id_val_labels.npy"),
            "--out", head, "--c-start", "-3", "--c-end", "1", "--c-num", "3", "--max-iter", "100");

        Assert.True(fit.Code == 0, fit.Error);
        using var result = JsonDocument.Parse(fit.Out);
        Assert.Equal(3, result.RootElement.GetProperty("path").GetArrayLength());
        var bestVal = result.RootElement.GetProperty("best_val_accuracy").GetDouble();
        // The folded head on the network reproduces the probe's id_val accuracy (one image may flip on a rounding tie).
        using var probe = LinearProbe.LoadHead(head);
        using var probed = JobRunAssert.LoadModel("small_cnn", weights);
        HeadInit.Load(probed, probe.Weight, probe.Bias);
        var accuracy = Trainer.Evaluate(probed, BatchLoader.Images(data.IdVal, 64, null).DisposeEach()).Accuracy;
        Assert.InRange(accuracy - bestVal, -1.0 / 445, 1.0 / 445);
    }
}
