using Daft.Shared.Data;
using Daft.Shared.Specs;
using Daft.Tests.Support;

namespace Daft.Shared.Tests.Specs;

public class JobSpecLoaderTests
{
    // Parse resolves relative paths against the source name's folder.
    private const string Source = "/jobs/test.yaml";

    [Fact]
    public void Reads_every_top_level_key_and_every_daft_key()
    {
        // Given
        const string Yaml = """
            dataset: cifar10
            data_root: /datasets
            image_size: 224
            backbone: resnet50
            weights: weights/moco.safetensors
            method:
              name: daft
              lr: 1.0e-4
              head_lr: 0.5
              convert_bn: false
              bn_mode: eval
            epochs: 50
            batch_size: 32
            momentum: 0.8
            weight_decay: 5e-4
            nesterov: true
            augment: false
            run_num: 3
            seed: 1234
            threads: 4
            device: cuda:1
            log_every_n_steps: 1
            """;

        // When
        var spec = JobSpecLoader.Parse(Yaml, Source);

        // Then
        var expected = new JobSpec("cifar10", "/datasets", 224, "resnet50", "/jobs/weights/moco.safetensors",
            new DaftSpec(1e-4, 0.5, false, BnMode.Eval), 50, 32, 0.8, 5e-4, true, false, 3, 1234, 4, "cuda:1", 1);
        Assert.Equal(expected, spec);
    }

    [Fact]
    public void Reads_every_lp_ft_key_and_resolves_lp_head_against_the_job_folder()
    {
        const string Yaml = """
            dataset: digits
            backbone: small_cnn
            method:
              name: lp_ft
              lr: 0.001
              bn_mode: train
              lp_head: ../lp/head.safetensors
              c_start: -3
              c_end: 1.5
              c_num: 10
              max_iter: 50
            """;

        var method = JobSpecLoader.Parse(Yaml, Source).Method;

        Assert.Equal(new LpFtSpec(0.001, BnMode.Train, "/lp/head.safetensors", new LinearProbeSpec(-3, 1.5, 10, 50)), method);
    }

    [Fact]
    public void Reads_every_lp_and_ft_key()
    {
        var lp = JobSpecLoader.Parse(Minimal("name: lp", "c_start: -5", "c_end: 0", "c_num: 6", "max_iter: 1000"), Source);
        var ft = JobSpecLoader.Parse(Minimal("name: ft", "lr: 0.05", "bn_mode: eval"), Source);

        Assert.Equal(new LinearProbeSpec(-5, 0, 6, 1000), lp.Method);
        Assert.Equal(new FineTuneSpec(0.05, BnMode.Eval), ft.Method);
    }

    [Fact]
    public void Fills_in_the_documented_defaults()
    {
        var spec = JobSpecLoader.Parse(Minimal("name: ft", "lr: 0.05"), Source);

        var expected = new JobSpec("digits", null, null, "small_cnn", null, new FineTuneSpec(0.05, BnMode.Train),
            Epochs: 20, BatchSize: 64, Momentum: 0.9, WeightDecay: 0, Nesterov: false, Augment: true, RunNum: 1,
            Seed: 0, Threads: null, Device: "cpu", LogEveryNSteps: 0);
        Assert.Equal(expected, spec);
    }

    [Fact]
    public void Gives_each_method_its_own_defaults()
    {
        // lp_ft trains with BN in eval mode (LP-FT's use_net_val_mode); ft and daft in train mode.
        Assert.Equal(LinearProbeSpec.Default, JobSpecLoader.Parse(Minimal("name: lp"), Source).Method);
        Assert.Equal(new LinearProbeSpec(-7, 2, 50, 200), LinearProbeSpec.Default);
        Assert.Equal(
            new LpFtSpec(0.01, BnMode.Eval, null, LinearProbeSpec.Default),
            JobSpecLoader.Parse(Minimal("name: lp_ft", "lr: 0.01"), Source).Method);
        Assert.Equal(
            new DaftSpec(0.01, 1.0, true, BnMode.Train),
            JobSpecLoader.Parse(Minimal("name: daft", "lr: 0.01"), Source).Method);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(5, 4)]
    public void Derives_the_seed_from_run_num_when_none_is_given(int runNum, long seed)
    {
        var spec = JobSpecLoader.Parse(Minimal("name: ft", "lr: 0.05") + $"\nrun_num: {runNum}", Source);

        Assert.Equal(seed, spec.Seed);
    }

    [Fact]
    public void Treats_explicit_null_as_an_absent_key()
    {
        var withNulls = JobSpecLoader.Parse(Minimal("name: ft", "lr: 0.05") + "\nweights:\nseed: ~\nthreads: null", Source);

        Assert.Equal(JobSpecLoader.Parse(Minimal("name: ft", "lr: 0.05"), Source), withNulls);
    }

    [Theory]
    [InlineData("1e-4")]
    [InlineData("1.0e-4")]
    [InlineData("0.0001")]
    [InlineData("1E-04")]
    public void Reads_numbers_in_any_yaml_float_form(string lr)
    {
        var spec = JobSpecLoader.Parse(Minimal("name: ft", $"lr: {lr}"), Source);

        Assert.Equal(new FineTuneSpec(0.0001, BnMode.Train), spec.Method);
    }

    [Fact]
    public void Load_resolves_weights_against_the_job_files_folder_and_keeps_absolute_paths()
    {
        using var folder = new TempFolder();
        var relative = folder.Write("sub/job.yaml", Minimal("name: ft", "lr: 0.05") + "\nweights: ../w/init.safetensors");
        var absolute = folder.Write("abs.yaml", Minimal("name: ft", "lr: 0.05") + "\nweights: /models/init.safetensors");

        Assert.Equal(Path.Combine(folder.Path, "w", "init.safetensors"), JobSpecLoader.Load(relative).Weights);
        Assert.Equal("/models/init.safetensors", JobSpecLoader.Load(absolute).Weights);
    }

    [Fact]
    public void Data_root_stays_as_written_and_falls_back_to_the_environment_then_the_home_cache()
    {
        var written = JobSpecLoader.Parse(Minimal("name: ft", "lr: 0.05") + "\ndata_root: ./datasets", Source);
        var unset = JobSpecLoader.Parse(Minimal("name: ft", "lr: 0.05"), Source);
        var before = Environment.GetEnvironmentVariable(DataRoot.Variable);
        try
        {
            Environment.SetEnvironmentVariable(DataRoot.Variable, "/srv/data");
            Assert.Equal("./datasets", written.ResolveDataRoot());
            Assert.Equal("/srv/data", unset.ResolveDataRoot());
            Environment.SetEnvironmentVariable(DataRoot.Variable, null);
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            Assert.Equal(Path.Combine(home, ".cache", "daft"), unset.ResolveDataRoot());
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataRoot.Variable, before);
        }
    }

    /// <summary>A job with dataset digits, backbone small_cnn and the given <c>method:</c> lines (the last block).</summary>
    internal static string Minimal(params string[] methodLines) =>
        "dataset: digits\nbackbone: small_cnn\nmethod:\n" + string.Join("\n", methodLines.Select(line => "  " + line));
}
