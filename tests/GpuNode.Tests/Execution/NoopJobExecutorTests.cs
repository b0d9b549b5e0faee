using Daft.GpuNode.Farm.Execution;
using Daft.Shared.Results;

namespace Daft.GpuNode.Tests.Execution;

/// <summary>The benchmark executor and the executor names.</summary>
public sealed class NoopJobExecutorTests
{
    readonly string _home = FarmJobs.NewHome();

    [Fact]
    public async Task Noop_succeeds_with_a_valid_result_and_writes_nothing()
    {
        var progress = new ProgressLog();
        var work = FarmJobs.Work(_home, FarmJobs.OneEpoch);

        var outcome = await new NoopJobExecutor(epochs: 2).RunAsync(work, progress.Sink, default);

        Assert.Equal(("succeeded", (string?)null), (outcome.Status, outcome.Reason));
        var result = RunResult.FromJson(outcome.ResultJson!);
        Assert.Equal((work.JobId, "ft", "digits", "small_cnn", 1, "succeeded"),
            (result.JobId, result.Method, result.Dataset, result.Backbone, result.RunNum, result.Status));
        Assert.Empty(result.Epochs);
        Assert.Equal([1, 2], progress.Events.Where(e => e.Milestone).Select(e => e.Progress.Epoch));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_home));
    }

    [Fact]
    public async Task Noop_with_a_delay_can_be_cancelled_and_refuses_a_bad_spec()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var slow = new NoopJobExecutor(TimeSpan.FromMinutes(5));

        var cancelled = await slow.RunAsync(FarmJobs.Work(_home, FarmJobs.OneEpoch), (_, _) => { }, cancel.Token).WaitAsync(TimeSpan.FromSeconds(10));
        var bad = await new NoopJobExecutor().RunAsync(new JobWork("0123456789abcdef", 1, "dataset: [", "cpu", 1, _home, null), (_, _) => { }, default);

        Assert.Equal("cancelled", cancelled.Status);
        Assert.Equal(("failed", false), (bad.Status, bad.Retryable));
    }

    [Fact]
    public async Task A_throwing_progress_listener_does_not_fail_the_job()
    {
        var outcome = await new NoopJobExecutor(epochs: 1).RunAsync(FarmJobs.Work(_home, FarmJobs.OneEpoch), (_, _) => throw new InvalidOperationException("listener"), default);

        Assert.Equal("succeeded", outcome.Status);
    }

    [Fact]
    public void Executors_are_created_by_name_and_unknown_names_list_the_known()
    {
        Assert.Equal(["process", "in-process", "noop"], JobExecutors.Names.Select(name => JobExecutors.Create(name).Name));
        Assert.IsType<ProcessJobExecutor>(JobExecutors.Create("process"));
        var error = Assert.Throws<ArgumentException>(() => JobExecutors.Create("docker"));
        Assert.StartsWith("Unknown job executor 'docker': use process, in-process, noop (or noop:SECONDS).", error.Message);
        Assert.Throws<ArgumentException>(() => JobExecutors.Create("noop:-1"));
        Assert.Throws<ArgumentException>(() => JobExecutors.Create("noop:soon"));
    }

    [Fact]
    public async Task A_noop_with_seconds_takes_that_long_per_attempt()
    {
        var executor = JobExecutors.Create("noop:0.3");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var outcome = await executor.RunAsync(FarmJobs.Work(_home, FarmJobs.OneEpoch), (_, _) => { }, default);

        Assert.Equal(("noop", "succeeded"), (executor.Name, outcome.Status));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.29), $"took {clock.Elapsed}");
    }
}
