using Daft.Shared.Specs;

namespace Daft.Shared.Tests.Specs;

/// <summary>The job keys of freeze / thaw (<c>thaw</c>, <c>frozen_bn</c>) and of method <c>dann</c>.</summary>
public class FreezeAndDannSpecTests
{
    // Lines 1-6; a line appended is line 7.
    private const string Ft = "dataset: digits\nbackbone: small_cnn\nmethod:\n  name: ft\n  lr: 0.05\nepochs: 5\n";

    private static JobSpec Parse(string yaml) => JobSpecLoader.Parse(yaml, "job.yaml");

    private static ConfigError ErrorOf(string yaml) =>
        Assert.Single(Assert.Throws<ConfigException>(() => JobSpecLoader.Parse(yaml, "job.yaml")).Errors);

    [Fact]
    public void Without_thaw_everything_trains_and_no_key_is_written_or_hashed()
    {
        var spec = Parse(Ft);

        Assert.Null(spec.Freeze);
        Assert.DoesNotContain("thaw", spec.ToYaml());
        Assert.DoesNotContain("frozen_bn", JobIdentity.CanonicalJson(spec));
    }

    [Fact]
    public void Reads_thaw_steps_by_epoch_writes_them_canonically_and_puts_them_in_the_id()
    {
        var spec = Parse(Ft + "thaw: \"all@4, layer3@2,layer4@2\"\n");

        Assert.Equal(new FreezeSpec([new ThawStep(2, ["layer3", "layer4"]), new ThawStep(4, ["all"])], FrozenBatchNormInEval: true), spec.Freeze);
        Assert.Contains("thaw: \"layer3@2, layer4@2, all@4\"\n", spec.ToYaml());
        Assert.DoesNotContain("frozen_bn", spec.ToYaml()); // eval is the default
        Assert.Equal(spec, Parse(spec.ToYaml()));
        Assert.Equal(JobIdentity.IdOf(spec), JobIdentity.IdOf(Parse(Ft + "thaw: layer3@2, layer4@2, all@4\nfrozen_bn: eval\n")));
        Assert.NotEqual(JobIdentity.IdOf(Parse(Ft)), JobIdentity.IdOf(spec));
        Assert.NotEqual(JobIdentity.IdOf(spec), JobIdentity.IdOf(Parse(Ft + "thaw: layer3@2, layer4@2, all@4\nfrozen_bn: train\n")));
        Assert.NotEqual(JobIdentity.IdOf(spec), JobIdentity.IdOf(Parse(Ft + "thaw: layer3@2, layer4@3, all@4\n")));
    }

    [Fact]
    public void Frozen_bn_train_is_written_back()
    {
        var spec = Parse(Ft + "thaw: layer4@2\nfrozen_bn: train\n");

        Assert.False(spec.Freeze!.FrozenBatchNormInEval);
        Assert.Contains("thaw: layer4@2\nfrozen_bn: train\n", spec.ToYaml());
        Assert.Equal(spec, Parse(spec.ToYaml()));
    }

    [Theory]
    [InlineData("thaw: layer4", 7, 7, "`thaw`: `layer4` is not STAGE@EPOCH (a state-dict prefix such as layer4, or all, then @ and an epoch >= 1, e.g. \"layer4@2, all@4\")")]
    [InlineData("thaw: layer4@0", 7, 7, "`thaw`: `layer4@0` is not STAGE@EPOCH (a state-dict prefix such as layer4, or all, then @ and an epoch >= 1, e.g. \"layer4@2, all@4\")")]
    [InlineData("thaw: fc@2", 7, 7, "`thaw`: `fc@2`: the head (fc) always trains; thaw names the stages of the backbone")]
    [InlineData("thaw: layer4@2, layer4@3", 7, 7, "`thaw`: stage `layer4` is thawed twice")]
    [InlineData("thaw: all@6", 7, 7, "`thaw` thaws at epoch 6, after the job's last epoch (5)")]
    [InlineData("frozen_bn: eval", 7, 12, "`frozen_bn` applies only with `thaw` (which freezes the backbone until its stages thaw)")]
    [InlineData("thaw: all@2\nfrozen_bn: off", 8, 12, "unknown frozen_bn `off`; allowed: eval, train")]
    public void Reports_a_bad_thaw_line_with_its_position(string lines, int line, int column, string message)
    {
        Assert.Equal(new ConfigError("job.yaml", line, column, message), ErrorOf(Ft + lines));
    }

    [Fact]
    public void Thaw_does_not_apply_to_lp()
    {
        var error = ErrorOf("dataset: digits\nbackbone: small_cnn\nthaw: all@1\nmethod: {name: lp}\n");

        Assert.Equal(new ConfigError("job.yaml", 3, 7, "`thaw` does not apply to method lp: it fits a logistic regression on frozen features; methods with thaw: ft, lp_ft, daft, dann"), error);
    }

    [Fact]
    public void Dann_reads_its_lr_and_the_tutorials_domain_classifier_width_and_round_trips()
    {
        var spec = Parse("dataset: digits_da\nbackbone: small_cnn\nmethod: {name: dann, lr: 0.01}\n");

        Assert.Equal(new DannSpec(0.01, DannSpec.DefaultDomainHidden, BnMode.Train), spec.Method);
        Assert.Equal(3, spec.Epochs); // digits_da's own
        Assert.Contains("method:\n  name: dann\n  lr: 0.01\n  domain_hidden: 100\n  bn_mode: train\n", spec.ToYaml());
        Assert.Equal(spec, Parse(spec.ToYaml()));
        Assert.NotEqual(JobIdentity.IdOf(spec), JobIdentity.IdOf(Parse("dataset: digits_da\nbackbone: small_cnn\nmethod: {name: dann, lr: 0.01, domain_hidden: 50}\n")));
    }

    [Fact]
    public void Dann_on_a_dataset_without_a_target_split_is_reported_at_the_dataset()
    {
        var error = ErrorOf("backbone: small_cnn\ndataset: digits_shift\nmethod: {name: dann, lr: 0.01}\n");

        Assert.Equal(new ConfigError("job.yaml", 2, 10, "method dann needs a dataset with a `target:` split (the unlabelled target-domain images); "
            + "dataset `digits_shift` has none; built-in datasets with one: digits_da; or add `target:` to a dataset file"), error);
    }

    [Fact]
    public void Dann_keys_are_checked_like_the_others()
    {
        Assert.Equal(new ConfigError("job.yaml", 3, 47, "`domain_hidden` must be at least 1, got 0"),
            ErrorOf("dataset: digits_da\nbackbone: small_cnn\nmethod: {name: dann, lr: 0.01, domain_hidden: 0}\n"));
        Assert.Contains("`domain_hidden` does not apply to method ft (only to dann)",
            ErrorOf(Ft.Replace("  lr: 0.05\n", "  lr: 0.05\n  domain_hidden: 10\n", StringComparison.Ordinal)).Message);
    }
}
