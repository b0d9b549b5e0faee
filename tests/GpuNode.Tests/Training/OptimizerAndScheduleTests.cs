using Daft.GpuNode.Training;
using TorchSharp.Modules;

namespace Daft.GpuNode.Tests.Training;

public class OptimizerAndScheduleTests
{
    [Fact]
    public void Sgd_has_a_feature_extractor_group_and_a_head_group_with_their_own_rates()
    {
        using var net = new TinyBnNet();
        using var sgd = OptimizerFactory.CreateSgd(net, new SgdSettings(Lr: 1e-4, HeadLr: 3.0, Momentum: 0.8, WeightDecay: 5e-4, Nesterov: true));

        var groups = sgd.ParamGroups.Cast<SGD.ParamGroup>().ToList();
        Assert.Equal(2, groups.Count);
        var body = groups[OptimizerFactory.FeatureExtractorGroup];
        var head = groups[OptimizerFactory.HeadGroup];
        Assert.Equal(net.FeatureExtractorParameters().Select(p => p.Parameter.Handle), body.Parameters.Select(p => p.Handle));
        Assert.Equal(net.HeadParameters().Select(p => p.Parameter.Handle), head.Parameters.Select(p => p.Handle));
        Assert.Equal((1e-4, 3.0), (body.LearningRate, head.LearningRate));
        Assert.All(groups, g => Assert.Equal((0.8, 5e-4, true), (g.Options.momentum!.Value, g.Options.weight_decay!.Value, g.Options.nesterov!.Value)));
    }

    [Fact]
    public void Sgd_defaults_are_the_reference_ones()
    {
        var settings = new SgdSettings(0.01, 1.0);
        Assert.Equal((0.9, 0.0, false), (settings.Momentum, settings.WeightDecay, settings.Nesterov));
        Assert.Equal(new SgdSettings(0.01, 0.01), SgdSettings.SingleLr(0.01));
        using var net = new TinyBnNet();
        Assert.Throws<ArgumentException>(() => OptimizerFactory.CreateSgd(net, new SgdSettings(0, 1.0)));
    }

    [Fact]
    public void Cosine_rates_per_epoch_equal_the_closed_form_for_both_groups()
    {
        using var net = new TinyBnNet();
        using var sgd = OptimizerFactory.CreateSgd(net, new SgdSettings(Lr: 1e-3, HeadLr: 10.0));
        const int epochs = 7;
        var schedule = new CosineSchedule(sgd, epochs);

        for (var e = 0; e < epochs; e++)
        {
            Assert.Equal(e, schedule.Epoch);
            var rates = schedule.LearningRates;
            Assert.Equal(CosineSchedule.LearningRateAt(1e-3, e, epochs), rates[0], 1e-15);
            Assert.Equal(CosineSchedule.LearningRateAt(10.0, e, epochs), rates[1], 1e-12);
            schedule.Step();
        }
        Assert.Equal(10.0 * (1 + Math.Cos(Math.PI * 3 / 7)) / 2, CosineSchedule.LearningRateAt(10.0, 3, 7), 15);
        Assert.Equal(0.0, schedule.LearningRates[1], 12);
    }
}
