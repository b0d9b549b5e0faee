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
}
