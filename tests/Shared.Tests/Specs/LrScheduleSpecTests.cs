using Daft.Shared.Specs;

namespace Daft.Shared.Tests.Specs;

public class LrScheduleSpecTests
{
    // Lines 1-5; a line appended as line 6 (and 7) is a top-level key.
    private const string Ft = "dataset: digits\nbackbone: small_cnn\nmethod:\n  name: ft\n  lr: 0.05\nepochs: 5\n";
    private const string Lp = "dataset: digits\nbackbone: small_cnn\nmethod:\n  name: lp\nepochs: 5\n";

    [Fact]
    public void Without_schedule_keys_a_job_gets_cosine_without_warmup_and_writes_none_of_them()
    {
        var spec = JobSpecLoader.Parse(Ft, "job.yaml");

        Assert.Equal(LrScheduleSpec.Default, spec.LrSchedule);
        Assert.Equal(LrScheduleKind.Cosine, spec.LrSchedule.Kind);
        Assert.Equal(0, spec.LrSchedule.WarmupEpochs);
        Assert.DoesNotContain("lr_", spec.ToYaml());
        Assert.DoesNotContain("warmup", spec.ToYaml());
        Assert.DoesNotContain("lr_", JobIdentity.CanonicalJson(spec));
    }

    [Fact]
    public void Writing_the_default_schedule_out_keeps_the_id()
    {
        var plain = JobSpecLoader.Parse(Ft, "job.yaml");
        var spelled = JobSpecLoader.Parse(Ft + "lr_schedule: cosine\nwarmup_epochs: 0\n", "job.yaml");

        Assert.Equal(plain, spelled);
        Assert.Equal(JobIdentity.IdOf(plain), JobIdentity.IdOf(spelled));
    }

    [Fact]
    public void Reads_a_step_schedule_with_warmup_and_writes_it_back()
    {
        var spec = JobSpecLoader.Parse(Ft + "lr_schedule: step\nlr_step_size: 2\nlr_gamma: 0.5\nwarmup_epochs: 1\n", "job.yaml");

        Assert.Equal(new LrScheduleSpec(LrScheduleKind.Step, 2, 0.5, PlateauMetric.IdValAccuracy, 0.1, 10, 1), spec.LrSchedule);
        Assert.Contains("\"lr_schedule\":\"step\",\"lr_step_size\":2", JobIdentity.CanonicalJson(spec));
        Assert.Contains("\"lr_gamma\":0.5", JobIdentity.CanonicalJson(spec));
        Assert.Contains("\"warmup_epochs\":1", JobIdentity.CanonicalJson(spec));
        Assert.Equal(spec, JobSpecLoader.Parse(spec.ToYaml(), "job.yaml"));
    }

    [Fact]
    public void Reads_a_plateau_schedule_with_its_defaults()
    {
        var spec = JobSpecLoader.Parse(Ft + "lr_schedule: plateau\n", "job.yaml");
        var custom = JobSpecLoader.Parse(Ft + "lr_schedule: plateau\nlr_plateau_metric: train_loss\nlr_factor: 0.5\nlr_patience: 0\n", "job.yaml");

        Assert.Equal(new LrScheduleSpec(LrScheduleKind.Plateau, 1, 0.1, PlateauMetric.IdValAccuracy, 0.1, 10, 0), spec.LrSchedule);
        Assert.Contains("\"lr_factor\":0.1,\"lr_patience\":10,\"lr_plateau_metric\":\"id_val_accuracy\",\"lr_schedule\":\"plateau\"", JobIdentity.CanonicalJson(spec));
        Assert.Equal(new LrScheduleSpec(LrScheduleKind.Plateau, 1, 0.1, PlateauMetric.TrainLoss, 0.5, 0, 0), custom.LrSchedule);
        Assert.Equal(custom, JobSpecLoader.Parse(custom.ToYaml(), "job.yaml"));
        Assert.NotEqual(JobIdentity.IdOf(spec), JobIdentity.IdOf(custom));
    }

    [Theory]
    [InlineData("lr_schedule: step\nlr_step_size: 2", "lr_schedule: step\nlr_step_size: 3")]
    [InlineData("lr_schedule: step\nlr_step_size: 2", "lr_schedule: step\nlr_step_size: 2\nlr_gamma: 0.5")]
    [InlineData("lr_schedule: plateau", "lr_schedule: plateau\nlr_patience: 3")]
    [InlineData("warmup_epochs: 1", "warmup_epochs: 2")]
    [InlineData("warmup_epochs: 1", "lr_schedule: plateau\nwarmup_epochs: 1")]
    public void Another_schedule_gives_another_id(string a, string b)
    {
        Assert.NotEqual(JobIdentity.IdOf(JobSpecLoader.Parse(Ft + a, "job.yaml")), JobIdentity.IdOf(JobSpecLoader.Parse(Ft + b, "job.yaml")));
        Assert.NotEqual(JobIdentity.IdOf(JobSpecLoader.Parse(Ft, "job.yaml")), JobIdentity.IdOf(JobSpecLoader.Parse(Ft + a, "job.yaml")));
    }

    [Fact]
    public void Linear_probing_ignores_the_schedule_so_it_does_not_change_its_id()
    {
        var plain = JobSpecLoader.Parse(Lp, "job.yaml");
        var stepped = JobSpecLoader.Parse(Lp + "lr_schedule: step\nlr_step_size: 1\nwarmup_epochs: 9\n", "job.yaml");

        Assert.Equal(JobIdentity.IdOf(plain), JobIdentity.IdOf(stepped));
    }

    [Theory]
    [InlineData("lr_schedule: linear", 14, "unknown lr_schedule `linear`; allowed: cosine, step, plateau")]
    [InlineData("lr_step_size: 0", 15, "`lr_step_size` must be at least 1, got 0")]
    [InlineData("lr_gamma: 0", 11, "`lr_gamma` must be greater than 0, got 0")]
    [InlineData("lr_factor: 1", 12, "`lr_factor` must be less than 1 (the rate is multiplied by it on a plateau), got 1")]
    [InlineData("lr_patience: -1", 14, "`lr_patience` must be at least 0, got -1")]
    [InlineData("lr_plateau_metric: val_acc", 20, "unknown lr_plateau_metric `val_acc`; allowed: id_val_accuracy, train_loss")]
    [InlineData("warmup_epochs: -1", 16, "`warmup_epochs` must be at least 0, got -1")]
    [InlineData("warmup_epochs: 5", 16, "`warmup_epochs` must be less than `epochs` (5), got 5: the main schedule needs at least one epoch")]
    [InlineData("lr_step_size: 2", 15, "`lr_step_size` applies only to `lr_schedule: step`, but this job's schedule is cosine (lr_schedule: cosine, step, plateau)")]
    [InlineData("lr_schedule: step", 14, "`lr_schedule: step` needs `lr_step_size`: the epochs between decays, an integer >= 1")]
    public void Reports_a_bad_schedule_line_with_its_position_and_what_is_allowed(string line, int column, string message)
    {
        var error = Assert.Single(Assert.Throws<ConfigException>(() => JobSpecLoader.Parse(Ft + line, "job.yaml")).Errors);

        Assert.Equal(new ConfigError("job.yaml", 7, column, message), error);
    }

    [Fact]
    public void A_plateau_key_under_a_step_schedule_is_reported_at_its_line()
    {
        var errors = Assert.Throws<ConfigException>(() =>
            JobSpecLoader.Parse(Ft + "lr_schedule: step\nlr_step_size: 2\nlr_patience: 3\n", "job.yaml")).Errors;

        var error = Assert.Single(errors);
        Assert.Equal((9, 14), (error.Line, error.Column));
        Assert.StartsWith("`lr_patience` applies only to `lr_schedule: plateau`, but this job's schedule is step", error.Message);
    }
}
