using Daft.GpuNode.Training;
using Daft.Shared.Specs;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Training;

public class FreezeScheduleTests
{
    // Epoch 1: the head alone; epoch 2: conv2 and bn2 too; epoch 3 on: everything.
    static readonly FreezeSchedule Schedule = new([new ThawStep(2, ["conv2", "bn2"]), new ThawStep(3, [FreezeSchedule.All])]);

    [Fact]
    public void Stages_thaw_by_state_dict_prefix_as_their_epochs_come_and_the_head_always_trains()
    {
        Assert.True(Schedule.IsTrainable("fc.weight", 1));
        Assert.False(Schedule.IsTrainable("conv2.weight", 1));
        Assert.True(Schedule.IsTrainable("conv2.weight", 2));
        Assert.True(Schedule.IsTrainable("bn2.bias", 2));
        Assert.False(Schedule.IsTrainable("conv1.weight", 2));
        Assert.False(new FreezeSchedule([new ThawStep(1, ["conv"])]).IsTrainable("conv1.weight", 1)); // a prefix is a whole stage name
        Assert.True(Schedule.IsTrainable("conv1.weight", 3));
    }

    [Fact]
    public void Frozen_parameters_get_no_gradient_and_no_update_even_with_weight_decay_and_momentum()
    {
        using var net = new TinyBnNet();
        var before = net.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
        using var sgd = OptimizerFactory.CreateSgd(net, new SgdSettings(Lr: 0.1, HeadLr: 0.1, Momentum: 0.9, WeightDecay: 0.01));

        Assert.Equal(2, Schedule.Apply(net, epoch: 1)); // fc.weight, fc.bias
        Step(net, sgd, epoch: 1);
        Step(net, sgd, epoch: 1);

        foreach (var (name, parameter) in net.named_parameters())
        {
            var moved = !parameter.equal(before[name]).all().item<bool>();
            Assert.True(moved == name.StartsWith("fc.", StringComparison.Ordinal), $"{name} moved: {moved}");
            Assert.True(name.StartsWith("fc.", StringComparison.Ordinal) || parameter.grad is null, $"{name} has a gradient");
        }
    }

    [Fact]
    public void A_thawed_stage_trains_from_its_epoch_and_frozen_batch_norm_keeps_its_running_statistics()
    {
        using var net = new TinyBnNet();
        using var sgd = OptimizerFactory.CreateSgd(net, new SgdSettings(Lr: 0.1, HeadLr: 0.1, Momentum: 0.9));
        var conv1 = net.FirstConv.weight.detach().clone();
        var runningMean = net.FirstBn.running_mean!.clone();

        Schedule.Apply(net, epoch: 2);
        var conv2 = net.named_parameters().Single(p => p.name == "conv2.weight").parameter.detach().clone();
        Step(net, sgd, epoch: 2);

        Assert.False(net.named_parameters().Single(p => p.name == "conv2.weight").parameter.equal(conv2).all().item<bool>(), "conv2 thawed at epoch 2");
        Assert.True(net.FirstConv.weight.equal(conv1).all().item<bool>(), "conv1 is still frozen");
        Assert.False(net.FirstBn.training, "bn1 (frozen) stays in eval mode while the model trains");
        Assert.True(net.FirstBn.running_mean!.equal(runningMean).all().item<bool>(), "frozen BN keeps its running statistics");

        Schedule.Apply(net, epoch: 3);
        Step(net, sgd, epoch: 3);
        Assert.True(net.FirstBn.training);
        Assert.False(net.FirstConv.weight.equal(conv1).all().item<bool>(), "everything trains from epoch 3");
    }

    [Fact]
    public void Steps_out_of_order_or_before_epoch_1_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new FreezeSchedule([new ThawStep(3, ["a"]), new ThawStep(2, ["b"])]));
        Assert.Throws<ArgumentException>(() => new FreezeSchedule([new ThawStep(0, ["a"])]));
        Assert.Throws<ArgumentException>(() => new FreezeSchedule([new ThawStep(1, [])]));
    }

    static void Step(TinyBnNet net, TorchSharp.Modules.SGD sgd, int epoch)
    {
        net.train();
        Schedule.KeepFrozenBatchNormInEval(net, epoch);
        var (images, labels) = TrainingData.Batches(1)[0];
        using var scope = NewDisposeScope();
        sgd.zero_grad();
        nn.functional.cross_entropy(net.call(images), labels).backward();
        sgd.step();
    }
}
