using static Daft.Coordinator.Tests.Sweeps.Sweeps;

namespace Daft.Coordinator.Tests.Sweeps;

public class SweepErrorTests
{
    private const string SweepKeys = "name, description, priority, max_attempts, device, min_device_memory_gb, defaults, pretrain, grid, methods, overrides";

    // Lines 1-3; a line appended is line 4.
    private const string Valid = "name: e\ndefaults: {dataset: digits, backbone: small_cnn}\nmethods: {ft: {lr: 0.1}}\n";

    [Theory]
    [InlineData("overides: []", "4:1: unknown key `overides` (did you mean `overrides`?); allowed sweep keys: " + SweepKeys)]
    [InlineData("epochs: 1", "4:1: `epochs` is a job key: give it under `defaults:` (one value for every job) or `grid:` (a list of values); allowed sweep keys: " + SweepKeys)]
    [InlineData("lr: 1", "4:1: `lr` is a method key: give it under `methods:` (e.g. `ft: {lr: ...}`) or in an override's `set:`; allowed sweep keys: " + SweepKeys)]
    [InlineData("device: gpu", "4:9: unknown device kind `gpu`; allowed: cpu, cuda")]
    [InlineData("max_attempts: 0", "4:15: `max_attempts` must be at least 1, got 0")]
    [InlineData("min_device_memory_gb: -1", "4:23: `min_device_memory_gb` must be greater than 0, got -1")]
    [InlineData("grid: {}", "4:7: `grid` is empty: give at least one axis with its values, or leave `grid` out")]
    [InlineData("grid: {run_num: []}", "4:17: `run_num` has an empty list: give at least one value")]
    [InlineData("grid: {run_num: [1, 0]}", "4:21: `run_num` must be at least 1, got 0")]
    [InlineData("grid: {run_num: [1, 1]}", "4:21: `1` is listed twice for `run_num` (first at line 4)")]
    [InlineData("grid: {lr: [0.1]}", "4:8: `lr` is a method key: give it under `methods:` (e.g. `ft: {lr: ...}`) or in an override's `set:`")]
    [InlineData("grid: {device: [cpu]}", "4:8: `device` says where jobs run: set the sweep's top-level `device:` (cpu or cuda)")]
    [InlineData("grid: {dataset: [digts]}", "4:18: unknown dataset `digts` (did you mean `digits`?); built-in datasets: cifar10, cifar10_c, digits, digits_da, digits_inverted, digits_shift, domainnet, entity30, fashion_mnist, fmow, living17, mnist, mnist_m; or give the path of a dataset file (NAME.yaml)")]
    [InlineData("grid: {epochs: {grid: ft8}}", "4:23: unknown grid `ft8` (did you mean `ft_8`?); named grids: daft_body_4, daft_head_5, daft_head_stage2, ft_5_domainnet, ft_8, lp_ft_6, lp_ft_8s, sweep_lrs")]
    [InlineData("grid: {epochs: {logspace: [1, 2]}}", "4:27: `logspace` takes [start, end, num]: exponents of 10 and a count >= 1, as numpy.logspace")]
    [InlineData("overrides: [{set: {epoch: 2}}]", "4:20: unknown key `epoch` (did you mean `epochs`?); `set` takes job keys and method keys: dataset, data_root, image_size, backbone, weights, epochs, batch_size, momentum, weight_decay, nesterov, augment, run_num, seed, threads, log_every_n_steps, lr_schedule, lr_step_size, lr_gamma, lr_plateau_metric, lr_factor, lr_patience, warmup_epochs, head_hidden, head_activation, head_dropout, thaw, frozen_bn, lr, head_lr, convert_bn, bn_mode, lp_head, c_start, c_end, c_num, max_iter, domain_hidden, forward")]
    [InlineData("overrides: [{set: {head_lr: 3}}]", "4:20: `head_lr` does not apply to method ft (only to daft); allowed keys for method ft: name, lr, bn_mode")]
    [InlineData("overrides: [{when: {method: daft}, set: {epochs: 2}}]", "4:29: `daft` is not one of the methods of this sweep: ft")]
    [InlineData("overrides: [{when: {modle: x}, set: {epochs: 2}}]", "4:21: `when` key `modle` is not an axis of this grid; `when` keys: method")]
    [InlineData("overrides: [{when: {method: ft}}]", "4:13: missing required key `set`: the keys to change for the matching points, each a value list")]
    [InlineData("defaults: {epochs: [1, 2]}", "4:1: duplicate key `defaults` (first given at line 2)")]
    public void Reports_a_bad_line_with_its_position_and_what_was_expected(string line, string expected)
    {
        Assert.Equal([expected], ErrorLines(Valid + line + "\n"));
    }

    [Theory]
    [InlineData("methods: {daftt: {lr: 0.1}}", "3:11: unknown method `daftt` (did you mean `daft`?); methods: lp, ft, lp_ft, daft, dann")]
    [InlineData("methods: [ft, lp, ft]", "3:19: method `ft` is listed twice")]
    [InlineData("methods: []", "3:10: `methods` is empty: name at least one of lp, ft, lp_ft, daft, dann")]
    [InlineData("methods: {ft: {head_lr: 1}}", "3:16: `head_lr` does not apply to method ft (only to daft); allowed keys for method ft: lr, bn_mode")]
    [InlineData("methods: {ft: {epochs: 1}}", "3:16: `epochs` is a job key: set it in `defaults:` or `grid:`, or for ft only in an override with `when: {method: ft}`; allowed keys for method ft: lr, bn_mode")]
    [InlineData("methods: {ft: {lr: [0.1, -0.01]}}", "3:26: `lr` must be greater than 0, got -0.01")]
    [InlineData("methods: {ft: {lr: {logspace: [-3, -1, 0]}}}", "3:31: `logspace` takes [start, end, num]: exponents of 10 and a count >= 1, as numpy.logspace")]
    [InlineData("methods: {ft: {bn_mode: frozen}}", "3:25: unknown bn_mode `frozen`; allowed: train, eval")]
    [InlineData("methods: {ft: [0.1]}", "3:15: method `ft` takes a mapping of its keys (lr, bn_mode), or nothing for its defaults, got a list")]
    public void Reports_a_bad_method_entry_at_its_line(string methods, string expected)
    {
        Assert.Equal([expected], ErrorLines(Valid.Replace("methods: {ft: {lr: 0.1}}", methods)));
    }

    [Fact]
    public void Reports_every_error_at_once_in_file_order()
    {
        var errors = ErrorLines("""
            name: Bad Name
            grid:
              datset: [digits]
              backbone: [small_cnn, resnet99]
              model:
                - {label: a, backbone: resnet18}
            methods:
              daft: {lr: 0, head_lr: [1, oops]}
            overrides:
              - when: {model: b}
                set: {epochs: 0}
            """);

        Assert.Equal(
        [
            "1:7: `name` may hold lowercase letters, digits, `-` and `_` (starting with a letter or digit), got `Bad Name`",
            "3:3: unknown grid key `datset` (did you mean `dataset`?); a grid key is a job key with its values (e.g. `run_num: [1, 2, 3]`) or a labelled axis: "
                + "a list of mappings, each with a `label` and the job keys it sets; job keys: dataset, data_root, image_size, backbone, weights, epochs, "
                + "batch_size, momentum, weight_decay, nesterov, augment, run_num, seed, threads, log_every_n_steps, lr_schedule, lr_step_size, lr_gamma, lr_plateau_metric, lr_factor, lr_patience, warmup_epochs, head_hidden, head_activation, head_dropout, thaw, frozen_bn",
            "4:25: unknown backbone `resnet99`; allowed: resnet18, resnet18_cifar, resnet50, clip_rn50, small_cnn",
            "5:3: `backbone` is set by two axes, `backbone` and `model`: give each job key one axis",
            "8:14: `lr` must be greater than 0, got 0",
            "8:30: `head_lr` must be a number, got `oops`",
            "10:19: `b` is not one of the values of axis `model`: a",
            "11:19: `epochs` must be at least 1, got 0",
        ], errors);
    }

    [Fact]
    public void A_job_needs_a_dataset_and_a_backbone_from_somewhere()
    {
        Assert.Equal(
        [
            "1:1: every job needs `dataset`: give it in `defaults:` or `grid:` (or in every value of a labelled axis)",
            "1:1: every job needs `backbone`: give it in `defaults:` or `grid:` (or in every value of a labelled axis)",
        ], ErrorLines("name: e\nmethods: {ft: {lr: 0.1}}\n"));
        Assert.Equal(["1:1: missing required key `name`: the sweep's name: lowercase letters, digits, `-` and `_`",
            "1:1: missing required key `methods`: the methods to run: a list (`[lp, ft, lp_ft, daft]`) or a mapping of method → its keys"],
            ErrorLines("defaults: {dataset: digits, backbone: small_cnn}\n"));
    }

    [Fact]
    public void Defaults_take_one_value_per_key_and_with_a_pretrain_job_weights_belong_to_it()
    {
        var errors = ErrorLines("""
            name: e
            pretrain: {dataset: digits, backbone: small_cnn, method: {name: ft, lr: 0.1}}
            defaults: {epochs: [1, 2], weights: x.safetensors}
            grid:
              dataset: [digits_inverted]
              backbone: [small_cnn]
              model: [{label: a, weights: y.safetensors}]
            methods: {ft: {lr: 0.1}}
            """);

        Assert.Equal(
        [
            "3:20: `epochs` takes one value in `defaults:`; a list of values belongs in `grid:` or in an override's `set:`",
            "3:28: `weights` comes from `pretrain:` here: every grid point starts from the pretrain job's model (weights: job:<its id>); "
                + "remove this `weights`, or remove `pretrain:`",
            "7:22: `weights` comes from `pretrain:` here: every grid point starts from the pretrain job's model (weights: job:<its id>); "
                + "remove this `weights`, or remove `pretrain:`",
        ], errors);
    }

    [Fact]
    public void A_grid_of_more_than_a_million_jobs_is_refused_before_it_is_built()
    {
        var values = string.Join(", ", Enumerable.Range(1, 1001));

        Assert.Equal(["1:1: the grid expands to more than 1,000,000 jobs; split it into several sweeps"],
            ErrorLines($"{Valid}grid:\n  run_num: [{values}]\n  epochs: [{values}]\n"));
    }

    [Fact]
    public void Labelled_values_need_a_unique_label_and_job_keys_only()
    {
        var errors = ErrorLines(Valid + "grid:\n  model:\n    - {label: a, backbone: resnet18}\n    - {label: a, lr: 0.1, backbone: resnet50}\n    - {backbone: small_cnn}\n");

        Assert.Equal(
        [
            "7:15: label `a` is used twice in axis `model` (first at line 6)",
            "7:18: `lr` is a method key: give it under `methods:` (e.g. `ft: {lr: ...}`) or in an override's `set:`; keys of a `model` value: label, dataset, "
                + "data_root, image_size, backbone, weights, epochs, batch_size, momentum, weight_decay, nesterov, augment, run_num, seed, threads, log_every_n_steps, lr_schedule, lr_step_size, lr_gamma, lr_plateau_metric, lr_factor, lr_patience, warmup_epochs, head_hidden, head_activation, head_dropout, thaw, frozen_bn",
            "8:7: missing required key `label`: the value's name, which becomes the `model` tag (letters, digits, `_`, `.`, `-`)",
        ], errors);
    }
}
