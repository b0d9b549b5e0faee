using Daft.GpuNode.BatchNorm;
using Daft.GpuNode.Tests.Training;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.BatchNorm;

public class BatchNormConversionTests
{
    // Target data off the source statistics (scaled and shifted), in unequal batches so "every batch counts
    // equally" differs from pooling.
    static List<Tensor> TargetBatches()
    {
        var g = new Generator(11);
        return [.. new[] { 8, 8, 5 }.Select(n => randn([n, 3, 9, 9], generator: g).mul_(1.7).add_(0.4))];
    }

    static Tensor EvalLogits(TinyBnNet net, Tensor x)
    {
        net.eval();
        using var _ = no_grad();
        return net.call(x);
    }

    [Fact]
    public void Conversion_leaves_eval_logits_unchanged()
    {
        using var net = new TinyBnNet();
        var test = randn([6, 3, 9, 9], generator: new Generator(5)).mul_(1.7).add_(0.4);
        var before = EvalLogits(net, test);
        var sourceVar = net.FirstBn.running_var!.clone();

        var report = BatchNormConversion.ConvertBn(net, TargetBatches());

        var after = EvalLogits(net, test);
        Assert.Equal(new BnConversionReport(2, 3, 21, report.Seconds), report);
        Assert.True(after.sub(before).abs().max().item<float>() < 1e-5f, $"max |Δlogit| = {after.sub(before).abs().max().item<float>()}");
        Assert.True(net.FirstBn.running_var!.sub(sourceVar).abs().max().item<float>() > 0.1f, "conversion should have moved the running variance");
    }

    [Fact]
    public void First_layer_statistics_are_the_average_of_per_batch_means_and_unbiased_variances()
    {
        using var net = new TinyBnNet();
        var batches = TargetBatches();
        List<Tensor> means = [], vars = [];
        using (no_grad())
            foreach (var x in batches)
            {
                var input = net.FirstConv.call(x);
                means.Add(input.mean([0, 2, 3]));
                vars.Add(input.var([0, 2, 3], unbiased: true));
            }
        var expectedMean = stack(means).mean([0]);
        var expectedVar = stack(vars).mean([0]);

        var statistics = BatchNormConversion.CollectStatistics(net, batches);

        Assert.Equal(3, statistics["bn1"].Batches);
        Assert.True(statistics["bn1"].Mean.allclose(expectedMean, rtol: 1e-6, atol: 1e-7));
        Assert.True(statistics["bn1"].Var.allclose(expectedVar, rtol: 1e-6, atol: 1e-7));
        using var noGrad = no_grad();
        var pooledVar = net.FirstConv.call(cat(batches)).var([0, 2, 3], unbiased: true);
        Assert.False(statistics["bn1"].Var.allclose(pooledVar, rtol: 1e-4), "the batch average must not be the pooled variance");
    }

    [Fact]
    public void Converted_running_stats_are_the_target_statistics_and_a_second_pass_measures_them_again()
    {
        using var net = new TinyBnNet();
        var batches = TargetBatches();
        var statistics = BatchNormConversion.CollectStatistics(net, batches);
        BatchNormConversion.Convert(net, statistics);

        foreach (var (name, bn) in BatchNormConversion.FindLayers(net))
        {
            Assert.True(bn.running_mean!.equal(statistics[name].Mean).all().item<bool>(), name);
            Assert.True(bn.running_var!.equal(statistics[name].Var).all().item<bool>(), name);
        }
        // The eval-mode function is unchanged, so every BN layer sees the same inputs again.
        var again = BatchNormConversion.CollectStatistics(net, batches);
        foreach (var (name, bn) in BatchNormConversion.FindLayers(net))
        {
            Assert.True(again[name].Mean.allclose(bn.running_mean!, rtol: 1e-5, atol: 1e-6), name);
            Assert.True(again[name].Var.allclose(bn.running_var!, rtol: 1e-5, atol: 1e-6), name);
        }
    }

    [Fact]
    public void Bias_is_shifted_with_the_old_gamma_before_gamma_is_rescaled()
    {
        using var net = new TinyBnNet();
        var bn = net.FirstBn;
        var (gamma, beta) = (bn.weight.detach().clone(), bn.bias!.detach().clone());
        var (mu, var) = (bn.running_mean!.clone(), bn.running_var!.clone());
        var statistics = BatchNormConversion.CollectStatistics(net, TargetBatches());
        var (muT, varT) = (statistics["bn1"].Mean, statistics["bn1"].Var);

        BatchNormConversion.Convert(net, statistics);

        var oldStd = var.add(bn.eps).sqrt();
        Assert.True(bn.bias!.allclose(beta.add(muT.sub(mu).mul(gamma).div(oldStd)), rtol: 1e-6, atol: 1e-7));
        Assert.True(bn.weight.allclose(gamma.mul(varT.add(bn.eps).sqrt()).div(oldStd), rtol: 1e-6, atol: 1e-7));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Collecting_restores_the_training_flag_and_removes_its_hooks(bool training)
    {
        using var net = new TinyBnNet();
        net.train(training);
        var statistics = BatchNormConversion.CollectStatistics(net, TargetBatches());

        Assert.Equal(training, net.training);
        Assert.All(BatchNormConversion.FindLayers(net), l => Assert.Equal(training, l.Layer.training));
        using (no_grad())
            net.call(randn(4, 3, 9, 9));
        Assert.Equal(3, statistics["bn1"].Batches);
        Assert.Equal(3, statistics["bn2"].Batches);
    }

    [Fact]
    public void Collecting_leaves_the_running_statistics_alone()
    {
        using var net = new TinyBnNet();
        net.train();
        var runningVar = net.FirstBn.running_var!.clone();
        BatchNormConversion.CollectStatistics(net, TargetBatches());
        Assert.True(net.FirstBn.running_var!.equal(runningVar).all().item<bool>());
    }

    [Fact]
    public void Missing_statistics_and_empty_data_are_reported_by_name()
    {
        using var net = new TinyBnNet();
        var statistics = BatchNormConversion.CollectStatistics(net, TargetBatches());
        statistics.Remove("bn2");
        var missing = Assert.Throws<ArgumentException>(() => BatchNormConversion.Convert(net, statistics));
        Assert.Contains("bn2", missing.Message);

        var empty = Assert.Throws<InvalidOperationException>(() => BatchNormConversion.ConvertBn(net, []));
        Assert.Contains("at least one target batch", empty.Message);
    }
}
