using System.Text.Json;
using Daft.GpuNode.Data;
using Daft.GpuNode.Models;
using Daft.GpuNode.Tests.Jobs;
using Daft.GpuNode.Tests.Probing;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Cli;

/// <summary>
/// <c>daft-node model convert-bn</c> on a pretrained small CNN and the inverted digits: DAFT's conversion is
/// function-preserving in eval mode, while the running statistics move to the target data.
/// </summary>
[Collection(nameof(ThreadCountChanges))] // --threads sets libtorch's process-wide thread count
public sealed class ConvertBnCommandTests
{
    [Fact]
    public void Converted_weights_give_the_same_eval_logits_with_the_targets_statistics()
    {
        var pretrained = DigitsRuns.Pretrain.ModelPath;
        var converted = Path.Combine(DigitsRuns.NewFolder("convert-bn"), "converted.safetensors");

        var (code, stdout, stderr) = NodeCli.Run("model", "convert-bn", "--backbone", "small_cnn", "--weights", pretrained,
            "--dataset", "digits_inverted", "--out", converted, "--no-augment", "--no-shuffle", "--threads", "2");

        Assert.True(code == 0, stderr);
        using (var json = JsonDocument.Parse(stdout))
        {
            var summary = json.RootElement;
            Assert.Equal((3, 22, 1352), (summary.GetProperty("layers").GetInt32(), summary.GetProperty("batches").GetInt32(), summary.GetProperty("images").GetInt32()));
        }
        using var data = DatasetCatalog.Load("digits_inverted", "data");
        using var before = JobRunAssert.LoadModel("small_cnn", pretrained);
        using var after = JobRunAssert.LoadModel("small_cnn", converted);
        before.eval();
        after.eval();
        using var _ = no_grad();
        using var tensors = NewDisposeScope(); // created after the models, so it holds only this test's tensors
        foreach (var set in new[] { data.Train, data.IdVal, data.Ood[0] })
        {
            foreach (var (images, labels) in BatchLoader.Images(set, 64, null).DisposeEach())
            {
                using var scope = NewDisposeScope();
                var gap = before.call(images).sub(after.call(images)).abs().max().item<float>();
                Assert.True(gap <= 1e-4, $"{set.Name}: eval logits moved by {gap} after BN conversion");
            }
        }

        // bn1 now holds the target's statistics: the mean, over the 22 file-order batches, of each batch's
        // per-channel mean of conv1's output — not the source's.
        var expected = Bn1InputBatchMeans(before, data.Train).mean([0]);
        var running = NamedBuffer(after, "bn1.running_mean");
        Assert.True(running.allclose(expected, rtol: 1e-4, atol: 1e-5), "bn1.running_mean is not the inverted digits' mean");
        Assert.False(NamedBuffer(before, "bn1.running_mean").allclose(running, rtol: 1e-2, atol: 1e-2));
        Assert.False(NamedBuffer(before, "bn3.running_var").allclose(NamedBuffer(after, "bn3.running_var"), rtol: 1e-2, atol: 1e-2));
    }

    /// <summary>[batches, channels]: per batch, the channel means of bn1's input (conv1 of the normalised images).</summary>
    static Tensor Bn1InputBatchMeans(ClassifierNetwork model, ImageSet set)
    {
        var modules = model.named_modules().Where(m => m.name is "normalize" or "conv1")
            .ToDictionary(m => m.name, m => (nn.Module<Tensor, Tensor>)m.module);
        var means = BatchLoader.Images(set, 64, null).DisposeEach()
            .Select(batch => modules["conv1"].call(modules["normalize"].call(batch.Images)).mean([0, 2, 3]))
            .ToList();
        return stack(means);
    }

    static Tensor NamedBuffer(ClassifierNetwork model, string name) => model.state_dict()[name];
}
