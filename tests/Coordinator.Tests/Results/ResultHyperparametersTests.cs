using Daft.Coordinator.Results;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Tests.Results;

/// <summary>The setting a result row is grouped by: jobs that differ in any sweepable training choice are different settings.</summary>
public class ResultHyperparametersTests
{
    private const string Ft = "dataset: digits\nbackbone: small_cnn\nmethod: {name: ft, lr: 0.01}\nepochs: 4\n";

    private static string HyperOf(string yaml) => LedgerResultRows.Hyper(JobSpecLoader.Parse(yaml, "job.yaml"));

    [Fact]
    public void Defaults_add_nothing_to_the_learning_rates()
    {
        Assert.Equal("lr=0.01", HyperOf(Ft));
        Assert.Equal("lr=0.001 head_lr=0.1", HyperOf("dataset: digits\nbackbone: small_cnn\nmethod: {name: daft, lr: 0.001, head_lr: 0.1}\n"));
        Assert.Equal("lr=0.01", HyperOf("dataset: digits_da\nbackbone: small_cnn\nmethod: {name: dann, lr: 0.01}\n"));
        Assert.Equal("", HyperOf("dataset: digits\nbackbone: small_cnn\nmethod: {name: lp}\n"));
    }

    [Theory]
    [InlineData("lr_schedule: step\nlr_step_size: 2\n", "lr=0.01 lr_schedule=step lr_step_size=2 lr_gamma=0.1")]
    [InlineData("lr_schedule: plateau\nwarmup_epochs: 1\n", "lr=0.01 lr_schedule=plateau lr_plateau_metric=id_val_accuracy lr_factor=0.1 lr_patience=10 warmup_epochs=1")]
    [InlineData("head_hidden: [512, 256]\n", "lr=0.01 head_hidden=512,256 head_activation=relu head_dropout=0")]
    [InlineData("thaw: layer4@2, all@3\nfrozen_bn: train\n", "lr=0.01 thaw=layer4@2,all@3 frozen_bn=train")]
    public void Each_non_default_choice_is_named_so_rows_that_differ_in_it_are_not_replicates(string keys, string hyper)
    {
        Assert.Equal(hyper, HyperOf(Ft + keys));
    }
}
