using Daft.Shared.Specs;
using Daft.Tests.Support;

namespace Daft.Coordinator.Tests.Cli;

public sealed class JobCommandTests : IDisposable
{
    private const string GoodJob = "dataset: digits\nbackbone: small_cnn\nmethod:\n  name: ft\n  lr: 0.05\nepochs: 5\n";
    private const string BadJob = "dataset: digits\nbackbone: small_cnn\nmethod:\n  name: ft\n  lr: 0.05\nepochs: 0\nthreads: many\n";

    private readonly TempFolder _folder = new();

    [Fact]
    public void Validate_prints_OK_with_the_id_for_each_valid_file()
    {
        var files = Directory.GetFiles(RepoPaths.JobsFolder, "*.yaml").Order().ToArray();

        var result = CliRun.Daft(["job", "validate", .. files]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal(
            files.Select(file => $"OK {JobIdentity.IdOf(JobSpecLoader.Load(file))} {file}"),
            result.Output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Validate_reports_every_error_with_its_line_and_exits_2_but_still_checks_the_other_files()
    {
        var bad = _folder.Write("bad.yaml", BadJob);
        var good = _folder.Write("good.yaml", GoodJob);

        var result = CliRun.Daft("job", "validate", bad, good);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"{bad}:6:9: `epochs` must be at least 1, got 0\n{bad}:7:10: `threads` must be an integer, got `many`\n",
            result.Error);
        Assert.Equal($"OK {JobIdentity.IdOf(JobSpecLoader.Load(good))} {good}\n", result.Output);
    }

    [Fact]
    public void Validate_names_a_missing_file()
    {
        var absent = Path.Combine(_folder.Path, "absent.yaml");

        var result = CliRun.Daft("job", "validate", absent);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{absent}: cannot read the job file: no such file\n", result.Error);
    }

    [Fact]
    public void Validate_without_files_is_a_usage_error()
    {
        var result = CliRun.Daft("job", "validate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Required argument missing", result.Error);
    }

    [Fact]
    public void Show_prints_the_resolved_job_with_its_id_and_derived_seed_as_a_loadable_job_file()
    {
        var job = _folder.Write("jobs/ft.yaml", GoodJob + "weights: ../w/init.safetensors\nrun_num: 3\n");

        var result = CliRun.Daft("job", "show", job);

        var spec = JobSpecLoader.Load(job);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"# id: {JobIdentity.IdOf(spec)}\ndataset: digits\n", result.Output);
        Assert.Contains($"\nweights: {Path.Combine(_folder.Path, "w", "init.safetensors")}\n", result.Output);
        Assert.Contains("\n  bn_mode: train\n", result.Output);
        Assert.Contains("\nseed: 2  # derived: run_num - 1\n", result.Output);
        Assert.Equal(spec, JobSpecLoader.Load(_folder.Write("shown.yaml", result.Output)));
    }

    [Fact]
    public void Show_of_an_invalid_file_prints_its_errors_and_exits_2()
    {
        var bad = _folder.Write("bad.yaml", BadJob);

        var result = CliRun.Daft("job", "show", bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith($"{bad}:6:9: ", result.Error);
    }

    [Fact]
    public void Id_prints_only_the_id()
    {
        var job = _folder.Write("ft.yaml", GoodJob);

        var result = CliRun.Daft("job", "id", job);

        Assert.Equal((0, $"{JobIdentity.IdOf(JobSpecLoader.Load(job))}\n", ""), (result.ExitCode, result.Output, result.Error));
    }

    [Fact]
    public void Id_of_an_invalid_file_names_the_line_and_exits_2()
    {
        var bad = _folder.Write("bad.yaml", BadJob);

        var result = CliRun.Daft("job", "id", bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains($"{bad}:7:10: `threads` must be an integer", result.Error);
    }

    public void Dispose() => _folder.Dispose();
}
