using Daft.GpuNode.Probing;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Probing;

public sealed class LinearProbeTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("probe-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Non-negative, off-centre features (like pooled CNN activations) for classes 0, 2 and 5.</summary>
    static (Tensor X, Tensor Y) Features(int perClass, long seed)
    {
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var labels = tensor(new long[] { 0, 2, 5 }).repeat_interleave(perClass);
        var centers = randn([6, 8], generator: generator).mul_(1.5f);
        var x = centers.index_select(0, labels).add_(randn([labels.shape[0], 8], generator: generator)).relu_().add_(0.5f);
        return (x, labels);
    }

    [Fact]
    public void Folding_gives_the_same_logits_on_raw_features_as_the_unfolded_head_on_normalised_ones()
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(11);
        var raw = rand([50, 16], generator: generator, dtype: ScalarType.Float64).mul_(7).add_(2);
        var coef = randn([4, 16], generator: generator, dtype: ScalarType.Float64);
        var intercept = randn([4], generator: generator, dtype: ScalarType.Float64);
        double mean = 5.3, std = 2.1;

        var (weight, bias) = LinearProbe.Fold(coef, intercept, mean, std);

        var unfolded = raw.sub(mean).div(std).mm(coef.t()).add(intercept);
        var folded = raw.mm(weight.t()).add(bias);
        var folded32 = raw.to(ScalarType.Float32).mm(weight.to(ScalarType.Float32).t()).add(bias.to(ScalarType.Float32));
        Assert.True(folded.sub(unfolded).abs().max().item<double>() <= 1e-12);
        Assert.True(folded32.to(ScalarType.Float64).sub(unfolded).abs().max().item<double>() <= 1e-5);
    }

    [Fact]
    public void The_head_has_one_row_per_class_up_to_num_classes_with_zero_rows_for_absent_classes()
    {
        using var scope = NewDisposeScope();
        var (trainX, trainY) = Features(20, seed: 1);
        var (valX, valY) = Features(10, seed: 2);

        using var natural = LinearProbe.Fit(trainX, trainY, valX, valY, new ProbeOptions(CStart: -2, CEnd: 1, CNum: 4));
        using var padded = LinearProbe.Fit(trainX, trainY, valX, valY, new ProbeOptions(CStart: -2, CEnd: 1, CNum: 4, NumClasses: 9));

        Assert.Equal([6L, 8L], natural.Weight.shape); // max label 5 + 1
        Assert.Equal([9L, 8L], padded.Weight.shape);
        Assert.Equal(ScalarType.Float32, padded.Weight.dtype);
        var used = padded.Weight.abs().sum(1L).gt(0).nonzero().squeeze(1).data<long>().ToArray();
        Assert.Equal(new long[] { 0, 2, 5 }, used);
        Assert.Equal(0, padded.Bias[1].item<float>());
        Assert.True(natural.Weight.allclose(padded.Weight[..6]));
        Assert.Throws<ArgumentException>(() => LinearProbe.Fit(trainX, trainY, valX, valY, new ProbeOptions(CNum: 2, NumClasses: 5)));
    }

    [Fact]
    public void The_path_covers_the_increasing_C_grid_and_the_best_point_is_on_it()
    {
        using var scope = NewDisposeScope();
        var (trainX, trainY) = Features(20, seed: 1);
        var (valX, valY) = Features(10, seed: 2);
        var options = new ProbeOptions(CStart: -6, CEnd: 1, CNum: 8);

        using var result = LinearProbe.Fit(trainX, trainY, valX, valY, options);

        Assert.Equal(options.Cs(), result.Path.Select(p => p.C));
        Assert.Equal(1e-6, result.Path[0].C, 1e-20);
        Assert.Equal(10, result.Path[^1].C);
        Assert.Equal(result.Path.Max(p => p.ValAccuracy), result.BestValAccuracy);
        var first = result.Path.First(p => p.ValAccuracy == result.BestValAccuracy);
        Assert.Equal(first.C, result.BestC); // ties keep the smaller C
    }

    [Fact]
    public void A_saved_head_loads_back_with_its_choice_of_C()
    {
        using var scope = NewDisposeScope();
        var (trainX, trainY) = Features(20, seed: 1);
        var (valX, valY) = Features(10, seed: 2);
        using var result = LinearProbe.Fit(trainX, trainY, valX, valY, new ProbeOptions(CNum: 3, CStart: -1, CEnd: 1));
        var path = Path.Combine(_folder, "head.safetensors");

        LinearProbe.SaveHead(result, path);
        using var head = LinearProbe.LoadHead(path);

        Assert.True(head.Weight.eq(result.Weight).all().item<bool>());
        Assert.True(head.Bias.eq(result.Bias).all().item<bool>());
        Assert.Equal(result.BestC, head.BestC);
        Assert.Equal(result.BestValAccuracy, head.BestValAccuracy);
    }

    [Fact]
    public void Mismatched_inputs_are_explained()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Features(5, seed: 1);

        Assert.Contains("2-D", Assert.Throws<ArgumentException>(() => LinearProbe.Fit(x.unsqueeze(0), y, x, y)).Message);
        Assert.Contains("one label per feature row", Assert.Throws<ArgumentException>(() => LinearProbe.Fit(x, y[..3], x, y)).Message);
        Assert.Contains("validation features have 4", Assert.Throws<ArgumentException>(() => LinearProbe.Fit(x, y, x[.., ..4], y)).Message);
        Assert.Contains("integers", Assert.Throws<ArgumentException>(() => LinearProbe.Fit(x, y.to(ScalarType.Float32), x, y)).Message);
    }
}
