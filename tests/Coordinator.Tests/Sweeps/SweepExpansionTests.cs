using Daft.Coordinator.Jobs;
using Daft.Shared.Specs;
using static Daft.Coordinator.Tests.Sweeps.Sweeps;

namespace Daft.Coordinator.Tests.Sweeps;

public class SweepExpansionTests
{
    private const string Grid = """
        name: grid
        defaults: {epochs: 2, batch_size: 32, threads: 1}
        grid:
          dataset: [digits, digits_inverted]
          backbone: [small_cnn, resnet18]
          run_num: [1, 2, 3]
        methods:
          ft: {lr: [0.1, 0.01]}
          daft: {lr: 0.01, head_lr: [1, 0.1]}
        """;

    [Fact]
    public void Expands_the_cartesian_product_of_axes_methods_and_method_lists_in_file_order()
    {
        var plan = Plan(Grid);

        // 2 datasets x 2 backbones x 3 run_nums x (2 ft + 2 daft).
        Assert.Equal(48, plan.Jobs.Length);
        Assert.Equal(48, plan.Jobs.Select(job => job.Id).Distinct().Count());
        var first = plan.Jobs.Take(5).Select(job => (job.Spec.Dataset, job.Spec.Backbone, job.Spec.RunNum, Describe(job.Spec.Method)));
        Assert.Equal(
        [
            ("digits", "small_cnn", 1, "ft 0.1"),
            ("digits", "small_cnn", 1, "ft 0.01"),
            ("digits", "small_cnn", 1, "daft 0.01/1"),
            ("digits", "small_cnn", 1, "daft 0.01/0.1"),
            ("digits", "small_cnn", 2, "ft 0.1"),
        ], first);
        Assert.Equal(("digits_inverted", "resnet18", 3), (plan.Jobs[^1].Spec.Dataset, plan.Jobs[^1].Spec.Backbone, plan.Jobs[^1].Spec.RunNum));
    }

    [Fact]
    public void Every_point_is_the_job_its_job_file_would_be_with_the_same_defaults_seed_and_id()
    {
        var plan = Plan(Grid);

        var point = plan.Jobs.Single(job => job.Spec is { Dataset: "digits_inverted", Backbone: "resnet18", RunNum: 2, Method: DaftSpec { HeadLr: 0.1 } });
        var job = Job("dataset: digits_inverted\nbackbone: resnet18\nrun_num: 2\nepochs: 2\nbatch_size: 32\nthreads: 1\n"
            + "method: {name: daft, lr: 0.01, head_lr: 0.1}\n");
        Assert.Equal(job, point.Spec);
        Assert.Equal(JobIdentity.IdOf(job), point.Id);
        Assert.Equal(1, point.Spec.Seed);
        Assert.Empty(point.DependsOn);
        Assert.Equal(DeviceRequirement.Any, point.Requirement);
    }

    [Fact]
    public void The_same_file_gives_the_same_plan_order_and_ids()
    {
        var first = Plan(Grid);
        var second = Plan(Grid);

        Assert.Equal(first.Jobs.Select(job => job.Id), second.Jobs.Select(job => job.Id));
        Assert.Equal(first.SweepId, second.SweepId);
        Assert.Equal(SweepIdentity.IdOf("grid", first.Jobs.Select(job => job.Id)), first.SweepId);
        Assert.NotEqual(first.SweepId, Plan(Grid.Replace("name: grid", "name: grid2")).SweepId);
    }

    [Fact]
    public void A_dataset_default_epochs_apply_when_the_sweep_gives_none_and_lp_points_with_other_epochs_are_one_job()
    {
        var plan = Plan("name: e\ngrid:\n  dataset: [digits_shift]\n  backbone: [small_cnn]\n  epochs: [1, 2]\nmethods: {lp: {c_num: 3}, ft: {lr: 0.1}}\n");

        // lp ignores epochs, so its two points have one id and the plan keeps the first.
        Assert.Equal([1, 2], plan.OfMethod("ft").Select(job => job.Spec.Epochs));
        Assert.Single(plan.OfMethod("lp"));
        Assert.Equal(5, Plan("name: e\ndefaults: {dataset: digits_shift, backbone: small_cnn}\nmethods: {ft: {lr: 0.1}}\n").Jobs[0].Spec.Epochs);
    }

    [Fact]
    public void Method_values_may_be_named_grids_or_logspace_and_absent_keys_come_from_the_method_files()
    {
        var plan = Plan("""
            name: m
            defaults: {dataset: digits, backbone: small_cnn}
            methods:
              ft: {lr: {grid: ft_8}}
              lp_ft: {lr: {logspace: [-5, -3, 3]}}
              daft: {lr: 1.0e-4}
              lp:
            """);

        Assert.Equal([0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 3e-4, 1e-4], plan.OfMethod("ft").Select(job => ((FineTuneSpec)job.Spec.Method).Lr));
        Assert.Equal([1e-5, 1e-4, 1e-3], plan.OfMethod("lp_ft").Select(job => ((LpFtSpec)job.Spec.Method).Lr));
        Assert.Equal([10, 3, 1, 0.3, 0.1], plan.OfMethod("daft").Select(job => ((DaftSpec)job.Spec.Method).HeadLr));
        Assert.Equal(new LinearProbeSpec(-7, 2, 50, 200), Assert.Single(plan.OfMethod("lp")).Spec.Method);
        Assert.All(plan.OfMethod("lp_ft"), job => Assert.Equal(BnMode.Eval, ((LpFtSpec)job.Spec.Method).BnMode));
    }

    [Fact]
    public void A_methods_list_means_each_method_with_the_papers_default_grids()
    {
        var plan = Plan("name: p\ndefaults: {dataset: cifar10, backbone: resnet50}\nmethods: [lp, ft, lp_ft, daft]\n");

        // LP 1 + FT 8 + LP-FT 6 + DAFT 4 body x 5 head.
        Assert.Equal((1, 8, 6, 20), (plan.OfMethod("lp").Count(), plan.OfMethod("ft").Count(), plan.OfMethod("lp_ft").Count(), plan.OfMethod("daft").Count()));
        Assert.All(plan.Jobs, job => Assert.Equal(20, job.Spec.Epochs));
    }

    [Fact]
    public void Overrides_change_the_matching_points_later_ones_winning_and_a_list_makes_a_grid_there()
    {
        var plan = Plan("""
            name: o
            grid:
              dataset: [digits, digits_inverted]
              model:
                - {label: small, backbone: small_cnn}
                - {label: r18, backbone: resnet18, batch_size: 16}
            methods:
              ft: {lr: 0.1}
              daft: {lr: 0.01, head_lr: 1}
            overrides:
              - when: {model: r18, method: ft}
                set: {lr: [0.03, 0.003], epochs: 3}
              - when: {dataset: digits_inverted, model: r18, method: ft}
                set: {lr: 0.5}
              - when: {method: [daft]}
                set: {batch_size: [8, 4]}
            """);

        string Row(PlannedJob job) => $"{job.Spec.Dataset} {job.Tags["model"]} {Describe(job.Spec.Method)} e{job.Spec.Epochs} b{job.Spec.BatchSize}";
        Assert.Equal(
        [
            "digits small ft 0.1 e20 b64",
            "digits small daft 0.01/1 e20 b8",
            "digits small daft 0.01/1 e20 b4",
            "digits r18 ft 0.03 e3 b16",
            "digits r18 ft 0.003 e3 b16",
            "digits r18 daft 0.01/1 e20 b8",
            "digits r18 daft 0.01/1 e20 b4",
            "digits_inverted small ft 0.1 e20 b64",
            "digits_inverted small daft 0.01/1 e20 b8",
            "digits_inverted small daft 0.01/1 e20 b4",
            "digits_inverted r18 ft 0.5 e3 b16",
            "digits_inverted r18 daft 0.01/1 e20 b8",
            "digits_inverted r18 daft 0.01/1 e20 b4",
        ], plan.Jobs.Select(Row));
    }

    [Fact]
    public void Labelled_axes_and_the_method_become_tags_and_the_device_a_requirement()
    {
        var plan = Plan("""
            name: t
            device: cuda
            min_device_memory_gb: 16
            grid:
              dataset: [cifar10]
              model:
                - {label: moco, backbone: resnet50, weights: ../weights/moco.safetensors}
                - {label: clip, backbone: clip_rn50, weights: /w/clip.safetensors}
            methods: {ft: {lr: 0.01}}
            """);

        Assert.Equal([("moco", "resnet50", "/weights/moco.safetensors"), ("clip", "clip_rn50", "/w/clip.safetensors")],
            plan.Jobs.Select(job => (job.Tags["model"], job.Spec.Backbone, job.Spec.Weights)));
        Assert.All(plan.Jobs, job => Assert.Equal(["method", "model"], job.Tags.Keys));
        Assert.All(plan.Jobs, job => Assert.Equal(new DeviceRequirement("cuda", 16 * 1024), job.Requirement));
        Assert.All(plan.Jobs, job => Assert.Equal("cuda", job.Spec.Device));
    }

    [Fact]
    public void The_plan_carries_its_file_text_priority_and_attempts()
    {
        var yaml = "name: s\npriority: 5\nmax_attempts: 1\ndefaults: {dataset: digits, backbone: small_cnn}\nmethods: {ft: {lr: 0.1}}\n";

        var plan = Plan(yaml);

        Assert.Equal(("s", Source, yaml, 5, 1), (plan.Name, plan.SourceFile, plan.SourceText, plan.Priority, plan.MaxAttempts));
        Assert.Equal(3, Plan(yaml.Replace("priority: 5\nmax_attempts: 1\n", "")).MaxAttempts);
    }

    internal static string Describe(MethodSpec method) => method switch
    {
        FineTuneSpec ft => $"ft {ft.Lr}",
        DaftSpec daft => $"daft {daft.Lr}/{daft.HeadLr}",
        LpFtSpec lpFt => $"lp_ft {lpFt.Lr}",
        _ => method.Name,
    };
}
