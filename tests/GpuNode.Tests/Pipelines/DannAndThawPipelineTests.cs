using Daft.GpuNode.Data;
using Daft.GpuNode.Models;
using Daft.GpuNode.Tests.Probing;
using Daft.Shared.Datasets;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Pipelines;

/// <summary>
/// DANN and freeze / thaw end to end through their pipelines on cut-down digits on the CPU: the shipped UCI digits
/// as the labelled source, the same digits inverted as the unlabelled target (a dataset file with a <c>target:</c>).
/// </summary>
[Collection(nameof(ThreadCountChanges))] // seeds torch's global generator: alone, so no parallel test draws from it meanwhile
public sealed class DannAndThawPipelineTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("daft-dann-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A dataset file of the digits with their inverted copies as target; its path is the job's <c>dataset</c>.</summary>
    string DatasetFile()
    {
        var path = Path.Combine(_folder, "digits_adapt.yaml");
        File.WriteAllText(path, """
            name: digits_adapt
            classes: 10
            image_size: 8
            train: {reader: digits_csv, split: train, limit: 256}
            id_val: {reader: digits_csv, split: test, limit: 128}
            target: {reader: digits_csv, split: train, invert: true, limit: 192}
            ood:
              inverted: {reader: digits_csv, split: test, invert: true, limit: 128}
            """);
        return path;
    }

    [Fact]
    public void Dann_reports_source_and_target_accuracy_and_its_domain_figures_every_epoch_with_lambda_rising()
    {
        var dataset = DatasetFile();
        using var data = DatasetCatalog.Load(DatasetConfigs.Load(dataset), "data");
        Assert.Equal([256, 128, 128, 192], new[] { data.Train, data.IdVal, data.Ood[0], data.Target! }.Select(s => s.Count));
        manual_seed(0);
        using var model = new SmallCnn(data.NumClasses);

        var outcome = InMemoryJob.Run($"""
            dataset: {dataset}
            backbone: small_cnn
            method: {"{"}name: dann, lr: 0.05, domain_hidden: 16{"}"}
            epochs: 3
            threads: 2
            """, data, model);

        Assert.Equal(3, outcome.Epochs.Length);
        foreach (var epoch in outcome.Epochs)
        {
            Assert.Equal(["id_val", "inverted"], epoch.Eval.Select(set => set.Name)); // source, then target accuracy
            Assert.Equal(3, epoch.LearningRates.Length); // body, head, domain classifier
            var adaptation = Assert.IsType<Shared.Results.AdaptationMetrics>(epoch.Adaptation);
            Assert.Equal(192, adaptation.TargetSamples); // min(4, 3) pairs of 64: the shorter stream ends the epoch
            Assert.InRange(adaptation.SourceDomainAccuracy, 0, 1);
            Assert.False(double.IsNaN(adaptation.TargetDomainLoss));
        }
        var lambdas = outcome.Epochs.Select(e => e.Adaptation!.Lambda).ToList();
        Assert.True(lambdas[0] > 0 && lambdas[0] < lambdas[1] && lambdas[1] < lambdas[2] && lambdas[2] < 1, string.Join(", ", lambdas));
        Assert.True(outcome.Final[0].Accuracy > 0.3, $"source accuracy {outcome.Final[0].Accuracy}, chance 0.1"); // 3 epochs of 4 steps from scratch
    }

    [Fact]
    public void Dann_on_splits_without_a_target_fails_naming_the_dataset()
    {
        var dataset = DatasetFile();
        using var full = DatasetCatalog.Load(DatasetConfigs.Load(dataset), "data");
        using var data = new DatasetSplits(full.Config, full.Train.Subset("train", InMemoryJob.FirstRows(64)), full.IdVal.Subset("id_val", InMemoryJob.FirstRows(64)), []);
        using var model = new SmallCnn(data.NumClasses);

        var error = Assert.Throws<InvalidDataException>(() => InMemoryJob.Run($"""
            dataset: {dataset}
            backbone: small_cnn
            method: {"{"}name: dann, lr: 0.05{"}"}
            epochs: 1
            """, data, model));
        Assert.Contains("'digits_adapt' has no `target:` split", error.Message);
    }

    [Theory]
    [InlineData("eval")]
    [InlineData("train")]
    public void Ft_with_thaw_leaves_stages_that_never_thaw_untouched_and_their_bn_statistics_as_frozen_bn_says(string frozenBn)
    {
        using var full = DatasetCatalog.Load("digits", "data");
        using var data = new DatasetSplits(full.Config, full.Train.Subset("train", InMemoryJob.FirstRows(256)), full.IdVal.Subset("id_val", InMemoryJob.FirstRows(128)), []);
        manual_seed(0);
        using var model = new SmallCnn(data.NumClasses);
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

        var outcome = InMemoryJob.Run($"""
            dataset: digits
            backbone: small_cnn
            method: {"{"}name: ft, lr: 0.05{"}"}
            epochs: 2
            threads: 2
            thaw: "conv3@1, bn3@2"
            frozen_bn: {frozenBn}
            """, data, model);

        bool Moved(string name) => !model.state_dict()[name].equal(before[name]).all().item<bool>();
        Assert.Equal(2, outcome.Epochs.Length);
        Assert.True(Moved("conv3.weight"), "conv3 thawed at epoch 1");
        foreach (var frozen in new[] { "conv1.weight", "bn1.weight", "bn1.bias", "conv2.weight", "bn2.weight", "bn2.bias" })
            Assert.False(Moved(frozen), $"{frozen} never thawed but moved");
        // Running statistics are buffers: only train-mode BN updates them.
        Assert.Equal(frozenBn == "train", Moved("bn1.running_mean"));
        Assert.Equal(frozenBn == "train", Moved("bn2.running_var"));
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad)); // the loop hands the model back trainable
    }

    [Fact]
    public void A_thaw_stage_the_backbone_does_not_have_fails_listing_its_stages()
    {
        using var full = DatasetCatalog.Load("digits", "data");
        using var data = new DatasetSplits(full.Config, full.Train.Subset("train", InMemoryJob.FirstRows(64)), full.IdVal.Subset("id_val", InMemoryJob.FirstRows(64)), []);
        using var model = new SmallCnn(data.NumClasses);

        var error = Assert.Throws<ArgumentException>(() => InMemoryJob.Run("""
            dataset: digits
            backbone: small_cnn
            method: {name: ft, lr: 0.05}
            epochs: 1
            thaw: layer4@1
            """, data, model));
        Assert.Contains("'layer4' names no parameter", error.Message);
        Assert.Contains("conv1, bn1, conv2, bn2, conv3, bn3", error.Message);
    }
}
