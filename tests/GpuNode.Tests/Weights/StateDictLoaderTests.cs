using Daft.GpuNode.Models;
using Daft.GpuNode.Tests.Support;
using Daft.GpuNode.Weights;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Weights;

public sealed class StateDictLoaderTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("daft-weights-").FullName;

    string SavedWith(Action<Dictionary<string, Tensor>> edit)
    {
        using var source = new SmallCnn(numClasses: 10);
        DeterministicWeights.Fill(source);
        var tensors = StateDictOrder.Entries(source).ToDictionary(e => e.Name, e => e.Tensor.clone());
        edit(tensors);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.safetensors");
        SafeTensors.Save(path, tensors);
        return path;
    }

    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    [Fact]
    public void Save_then_load_restores_every_entry_buffers_included()
    {
        using var source = new SmallCnn(numClasses: 10);
        DeterministicWeights.Fill(source);
        var path = Path.Combine(folder, "round-trip.safetensors");
        StateDictLoader.Save(source, path, new Dictionary<string, string> { ["run"] = "r1" });

        using var target = new SmallCnn(numClasses: 10);
        var report = StateDictLoader.Load(target, path);

        Assert.Equal(20, report.Loaded);
        Assert.Empty(report.Missing);
        Assert.Empty(report.Unexpected);
        Assert.False(report.HeadKept);
        Assert.Equal("r1", report.FileMetadata["run"]);
        Assert.Equal("pt", report.FileMetadata["format"]);
        var expected = source.state_dict();
        foreach (var (name, tensor) in target.state_dict())
            Assert.True(Same(tensor, expected[name]), name);
    }

    [Fact]
    public void A_head_of_another_class_count_is_reported_and_the_models_head_kept()
    {
        var path = SavedWith(t =>
        {
            t["fc.weight"] = zeros(1000, 128);
            t["fc.bias"] = zeros(1000);
        });
        using var model = new SmallCnn(numClasses: 10);
        using var headBefore = model.Head.weight!.clone();

        var report = StateDictLoader.Load(model, path);

        Assert.True(report.HeadKept);
        Assert.Equal(18, report.Loaded);
        var mismatch = Assert.Single(report.Mismatched, m => m.Name == "fc.weight");
        Assert.Equal([10L, 128L], mismatch.Expected);
        Assert.Equal([1000L, 128L], mismatch.InFile);
        Assert.True(Same(model.Head.weight!, headBefore));
        Assert.Contains("fc.weight: model [10, 128], file [1000, 128]", report.ToString());
        Assert.Throws<InvalidDataException>(() => StateDictLoader.Load(model, path, allowHeadMismatch: false));
    }

    [Fact]
    public void A_backbone_file_without_a_head_loads_and_keeps_the_head()
    {
        var path = SavedWith(t =>
        {
            t.Remove("fc.weight");
            t.Remove("fc.bias");
        });
        using var model = new SmallCnn(numClasses: 3);
        var report = StateDictLoader.Load(model, path);
        Assert.True(report.HeadKept);
        Assert.Equal(["fc.weight", "fc.bias"], report.Missing);
    }

    [Fact]
    public void A_missing_backbone_entry_throws_naming_it_and_the_file_and_loads_nothing()
    {
        var path = SavedWith(t => t.Remove("bn2.running_var"));
        using var model = new SmallCnn(numClasses: 10);
        using var conv1Before = model.state_dict()["conv1.weight"].clone();

        var error = Assert.Throws<InvalidDataException>(() => StateDictLoader.Load(model, path));

        Assert.Contains("bn2.running_var", error.Message);
        Assert.Contains(path, error.Message);
        Assert.True(Same(model.state_dict()["conv1.weight"], conv1Before));
    }

    [Fact]
    public void A_missing_num_batches_tracked_is_tolerated_and_set_to_zero_as_PyTorch_does()
    {
        var path = SavedWith(t => t.Remove("bn1.num_batches_tracked"));
        using var model = new SmallCnn(numClasses: 10);
        model.state_dict()["bn1.num_batches_tracked"].fill_(9);
        var report = StateDictLoader.Load(model, path);
        Assert.Equal(["bn1.num_batches_tracked"], report.Missing);
        Assert.Equal(0L, model.state_dict()["bn1.num_batches_tracked"].item<long>());
        Assert.Contains("set to 0", report.ToString());
    }

    [Fact]
    public void Unexpected_entries_are_reported_and_fail_only_when_strict()
    {
        var path = SavedWith(t => t["projection_head.0.weight"] = zeros(4, 4));
        using var model = new SmallCnn(numClasses: 10);

        var report = StateDictLoader.Load(model, path);
        Assert.Equal(["projection_head.0.weight"], report.Unexpected);
        Assert.Equal(20, report.Loaded);
        Assert.Contains("In the file but not in the model (1)", report.ToString());

        var error = Assert.Throws<InvalidDataException>(() => StateDictLoader.Load(model, path, strict: true));
        Assert.Contains("projection_head.0.weight", error.Message);
    }

    [Fact]
    public void A_file_converted_by_convert_checkpoint_py_loads_and_gives_PyTorchs_logits()
    {
        using var fixture = ModelFixture.Load("small_cnn");
        using var model = new SmallCnn(numClasses: 10);
        var report = StateDictLoader.Load(model, Path.Combine(ModelFixture.Folder, "small_cnn_weights.safetensors"), strict: true);

        Assert.Equal(20, report.Loaded);
        Assert.Equal("torchvision", report.FileMetadata["layout"]);
        Assert.Equal(5L, model.state_dict()["bn3.num_batches_tracked"].item<long>());
        model.eval();
        using var _ = no_grad();
        using var logits = model.call(fixture.Tensors["input"]);
        Assert.True(ModelFixture.MaxAbsDiff(logits, fixture.Tensors["loaded.logits"]) <= 1e-5);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
