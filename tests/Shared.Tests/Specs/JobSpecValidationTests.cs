using Daft.Shared.Specs;
using Daft.Tests.Support;

namespace Daft.Shared.Tests.Specs;

public class JobSpecValidationTests
{
    private const string TopLevelKeys =
        "dataset, data_root, image_size, backbone, weights, method, epochs, batch_size, momentum, weight_decay, "
        + "nesterov, augment, run_num, seed, threads, device, log_every_n_steps, lr_schedule, lr_step_size, lr_gamma, "
        + "lr_plateau_metric, lr_factor, lr_patience, warmup_epochs, head_hidden, head_activation, head_dropout, thaw, frozen_bn";

    // Lines 1-5; a line appended as line 6 is a method key when indented, a top-level key otherwise.
    private const string ValidFt = "dataset: digits\nbackbone: small_cnn\nmethod:\n  name: ft\n  lr: 0.05\n";

    [Theory]
    [InlineData("epochs: 0", 9, "`epochs` must be at least 1, got 0")]
    [InlineData("batch_size: 0", 13, "`batch_size` must be at least 1, got 0")]
    [InlineData("run_num: 0", 10, "`run_num` must be at least 1, got 0")]
    [InlineData("image_size: -32", 13, "`image_size` must be at least 1, got -32")]
    [InlineData("threads: 0", 10, "`threads` must be at least 1, got 0")]
    [InlineData("log_every_n_steps: -1", 20, "`log_every_n_steps` must be at least 0, got -1")]
    [InlineData("seed: -5", 7, "`seed` must be at least 0, got -5")]
    [InlineData("epochs: five", 9, "`epochs` must be an integer, got `five`")]
    [InlineData("epochs: 2.5", 9, "`epochs` must be an integer, got `2.5`")]
    [InlineData("epochs: \"5\"", 9, "`epochs` must be an integer, got the quoted string \"5\"")]
    [InlineData("epochs: 99999999999", 9, "`epochs` must be at most 2147483647, got 99999999999")]
    [InlineData("momentum: fast", 11, "`momentum` must be a number, got `fast`")]
    [InlineData("momentum: .nan", 11, "`momentum` must be a finite number, got `.nan`")]
    [InlineData("weight_decay: -0.1", 15, "`weight_decay` must be at least 0, got -0.1")]
    [InlineData("augment: yes", 10, "`augment` must be true or false, got `yes`")]
    [InlineData("dataset2: x", 1, "unknown key `dataset2` (did you mean `dataset`?); allowed top-level keys: " + TopLevelKeys)]
    [InlineData("learning_rate: 1", 1, "unknown key `learning_rate`; allowed top-level keys: " + TopLevelKeys)]
    [InlineData("lr: 0.1", 1, "`lr` is a method key: put it under `method:`; allowed top-level keys: " + TopLevelKeys)]
    [InlineData("device: gpu", 9, "`device` must be cpu, cuda or cuda:N (N = 0, 1, ...), got `gpu`")]
    [InlineData("weights: [a, b]", 10, "`weights` must be a string, got a list")]
    [InlineData("data_root: {a: 1}", 12, "`data_root` must be a string, got a mapping")]
    [InlineData("weights: \"\"", 10, "`weights` must not be empty")]
    [InlineData("dataset: mnist", 1, "duplicate key `dataset` (first given at line 1)")]
    [InlineData("  head_lr: 1.0", 3, "`head_lr` does not apply to method ft (only to daft); allowed keys for method ft: name, lr, bn_mode")]
    [InlineData("  c_num: 5", 3, "`c_num` does not apply to method ft (only to lp, lp_ft); allowed keys for method ft: name, lr, bn_mode")]
    [InlineData("  bnmode: eval", 3, "unknown key `bnmode` (did you mean `bn_mode`?); allowed keys for method ft: name, lr, bn_mode")]
    [InlineData("  epochs: 5", 3, "`epochs` is a top-level key: move it out of `method:`; allowed keys for method ft: name, lr, bn_mode")]
    [InlineData("  bn_mode: frozen", 12, "unknown bn_mode `frozen`; allowed: train, eval")]
    public void Reports_a_bad_line_with_its_position_and_what_was_expected(string line, int column, string message)
    {
        var error = Assert.Single(ErrorsOf(ValidFt + line));

        Assert.Equal(new ConfigError("job.yaml", 6, column, message), error);
    }

    [Theory]
    [InlineData("lr: 0", "`lr` must be greater than 0, got 0")]
    [InlineData("lr: -1e-3", "`lr` must be greater than 0, got -1e-3")]
    [InlineData("lr: high", "`lr` must be a number, got `high`")]
    public void Rejects_a_learning_rate_that_is_not_positive(string lrLine, string message)
    {
        var error = Assert.Single(ErrorsOf($"dataset: digits\nbackbone: small_cnn\nmethod:\n  name: daft\n  {lrLine}\n"));

        Assert.Equal((5, 7, message), (error.Line, error.Column, error.Message));
    }

    [Fact]
    public void Names_the_allowed_backbones_and_methods()
    {
        var errors = ErrorsOf("dataset: digits\nbackbone: resnet34\nmethod:\n  name: sgd\n");

        Assert.Equal(
            [
                new ConfigError("job.yaml", 2, 11, "unknown backbone `resnet34`; allowed: resnet18, resnet18_cifar, resnet50, clip_rn50, small_cnn"),
                new ConfigError("job.yaml", 4, 9, "unknown method `sgd`; allowed: lp, ft, lp_ft, daft, dann"),
            ],
            errors);
    }

    [Fact]
    public void Reports_missing_required_keys_at_the_mapping_that_lacks_them()
    {
        Assert.Equal(
            [
                new ConfigError("job.yaml", 1, 1, "missing required key `backbone`: one of resnet18, resnet18_cifar, resnet50, clip_rn50, small_cnn"),
                new ConfigError("job.yaml", 1, 1, "missing required key `method`: a mapping with `name` (lp, ft, lp_ft or daft) and that method's keys"),
            ],
            ErrorsOf("dataset: digits\n"));
        Assert.Equal(
            new ConfigError("job.yaml", 4, 3, "missing required key `lr`: the learning rate, a number greater than 0"),
            Assert.Single(ErrorsOf("dataset: digits\nbackbone: small_cnn\nmethod:\n  name: ft\n")));
        Assert.Equal(
            new ConfigError("job.yaml", 1, 1, "`dataset` needs a value: a built-in dataset's name (e.g. digits_shift, cifar10) or a dataset file's path"),
            Assert.Single(ErrorsOf("dataset:\nbackbone: small_cnn\nmethod:\n  name: lp\n")));
    }

    [Fact]
    public void Lists_every_method_key_when_the_method_has_no_name()
    {
        var errors = ErrorsOf("dataset: digits\nbackbone: small_cnn\nmethod:\n  lr: 0\n  speed: 3\n");

        Assert.Equal(
            [
                "missing required key `name`: one of lp, ft, lp_ft, daft, dann",
                "`lr` must be greater than 0, got 0",
                "unknown key `speed`; allowed method keys: name, lr, head_lr, convert_bn, bn_mode, lp_head, c_start, c_end, c_num, max_iter, domain_hidden, forward",
            ],
            errors.Select(e => e.Message));
    }

    [Fact]
    public void Reports_all_errors_of_a_file_in_one_go_in_file_order()
    {
        const string Yaml = """
            dataset: digits
            backbone: vgg16
            method:
              name: ft
              lr: 0
              head_lr: 1
            epochs: 0
            batchsize: 64
            nesterov: maybe
            """;

        var errors = ErrorsOf(Yaml);

        Assert.Equal([(2, 11), (5, 7), (6, 3), (7, 9), (8, 1), (9, 11)], errors.Select(e => (e.Line, e.Column)));
    }

    [Fact]
    public void Rejects_nesterov_without_momentum_as_torch_does()
    {
        var error = Assert.Single(ErrorsOf(ValidFt + "momentum: 0\nnesterov: true"));

        Assert.Equal((7, 11, "`nesterov: true` needs `momentum` greater than 0"), (error.Line, error.Column, error.Message));
    }

    [Theory]
    [InlineData("", 0, 0, "the job file is empty; it needs at least `dataset`, `backbone` and `method`")]
    [InlineData("- dataset: digits\n", 1, 1, "a job file must be a mapping of keys (dataset, backbone, method, ...), got a list")]
    [InlineData("dataset: [digits\n", 2, 1, "not valid YAML: ")]
    [InlineData("dataset: digits\nbackbone: small_cnn\nmethod: ft\n", 3, 9, "`method` must be a mapping with `name`")]
    public void Explains_a_file_that_is_not_a_job_mapping(string yaml, int line, int column, string messageStart)
    {
        var error = ErrorsOf(yaml).First();

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith(messageStart, error.Message);
    }

    [Fact]
    public void Rejects_a_second_yaml_document()
    {
        var error = Assert.Single(ErrorsOf(ValidFt + "---\ndataset: mnist\n"));

        Assert.Equal(6, error.Line);
        Assert.Contains("one YAML document", error.Message);
    }

    [Fact]
    public void Load_names_the_missing_file()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "absent.yaml");

        var error = Assert.Single(Assert.Throws<ConfigException>(() => JobSpecLoader.Load(path)).Errors);

        Assert.Equal($"{path}: cannot read the job file: no such file", error.ToString());
    }

    [Fact]
    public void The_exception_message_lists_every_error_in_compiler_form()
    {
        var exception = Assert.Throws<ConfigException>(() => JobSpecLoader.Parse(ValidFt + "epochs: 0\nthreads: 0", "a/job.yaml"));

        Assert.Equal(
            "a/job.yaml:6:9: `epochs` must be at least 1, got 0" + Environment.NewLine
            + "a/job.yaml:7:10: `threads` must be at least 1, got 0",
            exception.Message);
    }

    private static IReadOnlyList<ConfigError> ErrorsOf(string yaml) =>
        Assert.Throws<ConfigException>(() => JobSpecLoader.Parse(yaml, "job.yaml")).Errors;
}
