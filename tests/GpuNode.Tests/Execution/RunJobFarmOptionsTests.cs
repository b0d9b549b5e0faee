using System.CommandLine;
using Daft.GpuNode.Cli;
using Daft.GpuNode.Farm.Execution;
using Daft.GpuNode.Jobs;
using Daft.GpuNode.Tests.Cli;
using Daft.GpuNode.Tests.Jobs;
using Daft.GpuNode.Tests.Probing;
using Daft.Shared.Results;

namespace Daft.GpuNode.Tests.Execution;

/// <summary>The options the process executor gives <c>daft-node run-job</c>: --progress, --job-id, --home, --device, --threads.</summary>
[Collection(nameof(ThreadCountChanges))] // JobRunner sets libtorch's process-wide thread count
public sealed class RunJobFarmOptionsTests
{
    readonly string _folder = DigitsRuns.NewFolder("run-job-farm");

    string Out => Path.Combine(_folder, "out");

    string WriteJob(string yaml)
    {
        var path = Path.Combine(_folder, "job.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Progress_prints_one_line_per_event_before_the_result_path()
    {
        var job = WriteJob(FarmJobs.OneEpoch);

        var (code, stdout, stderr) = NodeCli.Run("run-job", job, "--out", Out, "--progress", "--job-id", FarmJobs.IdOf(FarmJobs.OneEpoch));

        Assert.True(code == 0, stderr);
        var lines = stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Path.Combine(Out, JobRunner.ResultFile), lines[^1]);
        var events = lines[..^1].Select(line => ProgressLines.TryParse(line, out var p, out var m) ? (p.Phase, m) : throw new Xunit.Sdk.XunitException($"not a progress line: {line}"));
        Assert.Equal([("setup", false), ("train", false), ("eval", false), ("eval", true), ("done", false)], events);
        Assert.DoesNotContain(ProgressLines.Prefix, stderr);
    }

    [Fact]
    public void Without_progress_stdout_is_only_the_result_path()
    {
        var (code, stdout, _) = NodeCli.Run("run-job", WriteJob(FarmJobs.Probe), "--out", Out);

        Assert.Equal(0, code);
        Assert.Equal(Path.Combine(Out, JobRunner.ResultFile), stdout.Trim());
    }

    [Fact]
    public void Another_job_id_exits_2_before_anything_runs()
    {
        var (code, stdout, stderr) = NodeCli.Run("run-job", WriteJob(FarmJobs.OneEpoch), "--out", Out, "--job-id", "fedcba9876543210");

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains($"run-job: the job file's id is {FarmJobs.IdOf(FarmJobs.OneEpoch)}, not fedcba9876543210 as given", stderr);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void Device_and_threads_override_the_file_and_leave_the_id()
    {
        var (code, _, stderr) = NodeCli.Run("run-job", WriteJob(FarmJobs.Probe.Replace("threads: 2", "threads: 2\ndevice: cuda:99")), "--out", Out,
            "--device", "cpu", "--threads", "1", "--job-id", FarmJobs.IdOf(FarmJobs.Probe));

        Assert.True(code == 0, stderr);
        var result = RunResult.FromJson(File.ReadAllText(Path.Combine(Out, JobRunner.ResultFile)));
        Assert.Equal((FarmJobs.IdOf(FarmJobs.Probe), "cpu", 1), (result.JobId, result.Environment.Device, result.Environment.Threads));
    }

    [Fact]
    public void Threads_below_1_are_a_usage_error()
    {
        var parsed = new RootCommand { RunJobCommand.Create() }.Parse(["run-job", "job.yaml", "--out", Out, "--threads", "0"]);

        Assert.Contains("--threads must be at least 1.", parsed.Errors.Select(e => e.Message));
    }
}
