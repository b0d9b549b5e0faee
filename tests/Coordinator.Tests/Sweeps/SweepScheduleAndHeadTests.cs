using Daft.Shared.Specs;
using static Daft.Coordinator.Tests.Sweeps.Sweeps;

namespace Daft.Coordinator.Tests.Sweeps;

public class SweepScheduleAndHeadTests
{
    [Fact]
    public void A_grid_over_lr_schedule_and_warmup_gives_one_job_per_point_as_its_job_file_would_be()
    {
        var plan = Plan("""
            name: s
            defaults: {dataset: digits, backbone: small_cnn, epochs: 4}
            grid:
              lr_schedule: [cosine, plateau]
              warmup_epochs: [0, 1]
            methods:
              ft: {lr: 0.1}
            """);

        Assert.Equal(4, plan.Jobs.Length);
        Assert.Equal(
            [(LrScheduleKind.Cosine, 0), (LrScheduleKind.Cosine, 1), (LrScheduleKind.Plateau, 0), (LrScheduleKind.Plateau, 1)],
            plan.Jobs.Select(job => (job.Spec.LrSchedule.Kind, job.Spec.LrSchedule.WarmupEpochs)));
        var plateau = Job("dataset: digits\nbackbone: small_cnn\nepochs: 4\nmethod: {name: ft, lr: 0.1}\nlr_schedule: plateau\nwarmup_epochs: 1\n");
        Assert.Equal(JobIdentity.IdOf(plateau), plan.Jobs[3].Id);
        Assert.Equal(JobIdentity.IdOf(Job("dataset: digits\nbackbone: small_cnn\nepochs: 4\nmethod: {name: ft, lr: 0.1}\n")), plan.Jobs[0].Id);
    }

    [Fact]
    public void A_schedule_key_that_does_not_go_with_a_points_schedule_is_reported_once_at_its_line()
    {
        var errors = ErrorLines("""
            name: s
            defaults: {dataset: digits, backbone: small_cnn, lr_patience: 2}
            grid:
              run_num: [1, 2, 3]
            methods:
              ft: {lr: 0.1}
            """);

        Assert.Equal(["2:63: `lr_patience` applies only to `lr_schedule: plateau`, but this job's schedule is cosine (lr_schedule: cosine, step, plateau)"], errors);
    }

    [Fact]
    public void Heads_are_gridded_by_width_or_by_a_labelled_axis_with_a_list_of_widths()
    {
        var widths = Plan("""
            name: h
            defaults: {dataset: digits, backbone: small_cnn, epochs: 2, head_dropout: 0.1}
            grid:
              head_hidden: [64, 128]
            methods:
              ft: {lr: 0.1}
            """);
        var labelled = Plan("""
            name: h
            defaults: {dataset: digits, backbone: small_cnn, epochs: 2}
            grid:
              head:
                - {label: linear, head_hidden: []}
                - {label: mlp, head_hidden: [512, 256], head_activation: gelu}
            methods:
              daft: {lr: 0.01, head_lr: 1}
            """);

        Assert.Equal([new HeadSpec([64], HeadActivation.Relu, 0.1), new HeadSpec([128], HeadActivation.Relu, 0.1)], widths.Jobs.Select(job => job.Spec.Head));
        Assert.Equal([HeadSpec.Linear, new HeadSpec([512, 256], HeadActivation.Gelu, 0)], labelled.Jobs.Select(job => job.Spec.Head));
        var mlp = Job("dataset: digits\nbackbone: small_cnn\nepochs: 2\nmethod: {name: daft, lr: 0.01, head_lr: 1}\nhead_hidden: [512, 256]\nhead_activation: gelu\n");
        Assert.Equal(JobIdentity.IdOf(mlp), labelled.Jobs[1].Id);
        Assert.Equal(JobIdentity.IdOf(Job("dataset: digits\nbackbone: small_cnn\nepochs: 2\nmethod: {name: daft, lr: 0.01, head_lr: 1}\n")), labelled.Jobs[0].Id);
    }

    [Fact]
    public void An_mlp_head_in_a_sweep_with_lp_is_reported_once_at_head_hidden()
    {
        var errors = ErrorLines("""
            name: h
            defaults: {dataset: digits, backbone: small_cnn, head_hidden: [64]}
            grid:
              run_num: [1, 2]
            methods:
              lp: {c_num: 3}
              ft: {lr: 0.1}
            """);

        Assert.Equal(["2:63: an MLP head (`head_hidden`) does not apply to method lp: lp fits a logistic regression, which is a linear head; methods with MLP heads: ft, daft, dann"], errors);
    }
}
