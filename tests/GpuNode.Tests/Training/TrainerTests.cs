using Daft.GpuNode.Training;
using Daft.Shared.Specs;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void A_zero_head_passes_no_gradient_to_the_feature_extractor_at_the_first_step()
    {
        using var net = new TinyBnNet();
        HeadInit.Zero(net);
        net.train();
        var (images, labels) = TrainingData.Batches(1)[0];

        nn.functional.cross_entropy(net.call(images), labels).backward();

        Assert.All(net.FeatureExtractorParameters(), p => Assert.Equal(0f, p.Parameter.grad!.abs().max().item<float>()));
        Assert.True(net.Head.weight.grad!.abs().max().item<float>() > 1e-3f, "the head itself must learn");
    }

    [Fact]
    public void Daft_first_step_moves_only_the_head()
    {
        using var net = new TinyBnNet();
        HeadInit.Zero(net);
        var body = net.FeatureExtractorParameters().Select(p => p.Parameter.detach().clone()).ToList();
        using var sgd = OptimizerFactory.CreateSgd(net, new SgdSettings(Lr: 0.1, HeadLr: 1.0));

        Trainer.TrainEpoch(net, sgd, TrainingData.Batches(1), BnMode.Train);

        Assert.All(net.FeatureExtractorParameters().Zip(body), p => Assert.True(p.First.Parameter.equal(p.Second).all().item<bool>(), p.First.Name));
        Assert.True(net.Head.weight.abs().max().item<float>() > 1e-3f);
    }

    [Fact]
    public void Eval_mode_training_keeps_running_stats_and_train_mode_updates_them()
    {
        var batches = TrainingData.Batches(3);
        using var lpft = new TinyBnNet();
        using var ft = new TinyBnNet();
        var runningMean = lpft.FirstBn.running_mean!.clone();
        var gamma = lpft.FirstBn.weight.detach().clone();

        using (var sgd = OptimizerFactory.CreateSgd(lpft, SgdSettings.SingleLr(0.05)))
            Trainer.TrainEpoch(lpft, sgd, batches, BnMode.Eval);
        using (var sgd = OptimizerFactory.CreateSgd(ft, SgdSettings.SingleLr(0.05)))
            Trainer.TrainEpoch(ft, sgd, batches, BnMode.Train);

        Assert.False(lpft.training);
        Assert.True(lpft.FirstBn.running_mean!.equal(runningMean).all().item<bool>(), "LP-FT (eval mode) must not touch BN running stats");
        Assert.False(lpft.FirstBn.weight.equal(gamma).all().item<bool>(), "LP-FT still trains BN γ");
        Assert.True(ft.training);
        Assert.False(ft.FirstBn.running_mean!.allclose(runningMean), "FT (train mode) updates BN running stats");
    }

    [Fact]
    public void An_epoch_reports_sample_weighted_mean_loss_accuracy_and_every_step()
    {
        using var net = new TinyBnNet();
        var batches = TrainingData.Batches(2).Append(TrainingData.Batches(1, batchSize: 3, seed: 9)[0]).ToList();
        using var sgd = OptimizerFactory.CreateSgd(net, new SgdSettings(0.01, 0.5));
        var steps = new List<StepInfo>();

        var result = Trainer.TrainEpoch(net, sgd, batches, BnMode.Train, epoch: 4, onStep: steps.Add);

        Assert.Equal([1, 2, 3], steps.Select(s => s.Step));
        Assert.All(steps, s => Assert.Equal(4, s.Epoch));
        Assert.All(steps, s => Assert.Equal([0.01, 0.5], s.LearningRates));
        Assert.Equal((steps[0].Loss * 8 + steps[1].Loss * 8 + steps[2].Loss * 3) / 19, result.MeanLoss, 9);
        Assert.Equal(19, result.Samples);
        Assert.Equal(3, result.Steps);
        Assert.InRange(result.Accuracy, 0, 1);
        Assert.False(result.LossWasNaN);
    }

    [Fact]
    public void A_nan_loss_stops_the_epoch_before_its_update()
    {
        using var net = new TinyBnNet();
        var batches = TrainingData.Batches(3);
        batches[1].Images[0, 0, 0, 0] = float.NaN;
        using var sgd = OptimizerFactory.CreateSgd(net, SgdSettings.SingleLr(0.01));
        var steps = 0;

        var result = Trainer.TrainEpoch(net, sgd, batches, BnMode.Eval, onStep: _ => steps++);

        Assert.True(result.LossWasNaN);
        Assert.True(double.IsNaN(result.MeanLoss));
        Assert.Equal(1, steps);
        Assert.Equal(1, result.Steps);
        Assert.All(net.parameters(), p => Assert.False(p.isnan().any().item<bool>()));
    }

    [Fact]
    public void Cancellation_is_honoured_between_steps()
    {
        using var net = new TinyBnNet();
        using var cts = new CancellationTokenSource();
        using var sgd = OptimizerFactory.CreateSgd(net, SgdSettings.SingleLr(0.01));
        Assert.Throws<OperationCanceledException>(() =>
            Trainer.TrainEpoch(net, sgd, TrainingData.Batches(3), BnMode.Train, onStep: _ => cts.Cancel(), cancellationToken: cts.Token));
    }

    [Fact]
    public void Evaluate_counts_argmax_hits_in_eval_mode_and_restores_the_flag()
    {
        using var net = new TinyBnNet();
        net.train();
        var batches = TrainingData.Batches(2);
        long hits = 0;
        double lossSum = 0;
        net.eval();
        using (no_grad())
            foreach (var (x, y) in batches)
            {
                var logits = net.call(x);
                hits += logits.argmax(1).eq(y).sum().item<long>();
                lossSum += nn.functional.cross_entropy(logits, y).item<float>() * 8;
            }
        net.train();
        var runningMean = net.FirstBn.running_mean!.clone();

        var result = Trainer.Evaluate(net, batches);

        Assert.Equal(16, result.Count);
        Assert.Equal(hits / 16.0, result.Accuracy, 12);
        Assert.Equal(lossSum / 16, result.MeanLoss, 5);
        Assert.True(net.training);
        Assert.True(net.FirstBn.running_mean!.equal(runningMean).all().item<bool>());
    }
}
